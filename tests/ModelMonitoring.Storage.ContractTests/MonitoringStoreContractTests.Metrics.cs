using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.Storage.ContractTests;

public abstract partial class MonitoringStoreContractTests
{
    [Fact]
    public async Task Report_SummarisesEachMetricWithSampleStandardDeviation()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("metrics");

        // Values 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sample std sqrt(32 / 7); the latest (t = 8) is 4.
        double[] values = [9, 2, 4, 5, 7, 4, 5, 4];
        var metrics = values.Select((v, i) => Metric("queue_depth", v, At(i + 1))).Append(Metric("a_single", 42, At(3))).ToArray();
        await WriteAsync(store, Batch(model, metrics: metrics[..4]), Batch(model, metrics: metrics[4..]));

        var report = await store.Reader.GetPerformanceReportAsync("metrics", All.From, All.To);

        report.Metrics.Select(m => m.Name).ShouldBe(["a_single", "queue_depth"]);
        report.Metrics[0].ShouldBe(new MetricSummary("a_single", 1, 42, 0, 42, 42, 42, At(3)));
        var depth = report.Metrics[1];
        depth.Count.ShouldBe(8);
        depth.Mean.ShouldBe(5, 1e-12);
        depth.StandardDeviation.ShouldBe(Math.Sqrt(32.0 / 7), 1e-12);
        depth.Min.ShouldBe(2);
        depth.Max.ShouldBe(9);
        depth.Latest.ShouldBe(4);
        depth.LatestTimestamp.ShouldBe(At(8));
    }

    [Fact]
    public async Task RecentMetrics_AreNewestFirstLimitedAndFilteredByName()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("recent");
        var metadata = new Dictionary<string, string> { ["host"] = "node-1", ["région"] = "eu-west", ["empty"] = string.Empty };
        await WriteAsync(store, Batch(model, metrics: [
            Metric("cpu", 0.1, At(1)),
            Metric("mem", 100, At(2), unit: "MB"),
            Metric("cpu", 0.3, At(3), unit: "ratio", metadata: metadata),
            Metric("mem", 200, At(4)),
            Metric("cpu", 0.5, At(5)) with { WindowStart = At(4) }]));
        await WriteAsync(store, Batch(Schema("other"), metrics: [Metric("cpu", 9, At(6))]));

        var newest = await store.Reader.GetRecentMetricsAsync("recent", limit: 3);
        var cpu = await store.Reader.GetRecentMetricsAsync("recent", "cpu");

        newest.Select(m => m.Value).ShouldBe([0.5, 200, 0.3]);
        cpu.Select(m => m.Value).ShouldBe([0.5, 0.3, 0.1]);
        cpu[0].WindowStart.ShouldBe(At(4));
        cpu[0].Timestamp.ShouldBe(At(5));
        cpu[1].Unit.ShouldBe("ratio");
        cpu[1].Metadata.ShouldNotBeNull().ShouldBe(metadata, ignoreOrder: true);
        cpu[2].Unit.ShouldBeNull();
        cpu[2].Metadata.ShouldBeNull();
        cpu[2].WindowStart.ShouldBeNull();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10_001)]
    public async Task RecentMetrics_WithLimitOutside1To10000_ThrowArgumentOutOfRange(int limit)
    {
        await using var store = await CreateStoreAsync();

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => store.Reader.GetRecentMetricsAsync("m", limit: limit));
    }

    [Fact]
    public async Task RecentMetrics_AcceptLimitsAtTheBounds()
    {
        await using var store = await CreateStoreAsync();
        await WriteAsync(store, Batch(Schema("bounds"), metrics: [Metric("x", 1, At(1)), Metric("x", 2, At(2))]));

        (await store.Reader.GetRecentMetricsAsync("bounds", limit: 1)).Single().Value.ShouldBe(2);
        (await store.Reader.GetRecentMetricsAsync("bounds", limit: 10_000)).Count.ShouldBe(2);
    }
}
