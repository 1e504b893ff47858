using ModelMonitoring.Recording;
using ModelMonitoring.Trends;
using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.Storage.ContractTests;

public abstract partial class MonitoringStoreContractTests
{
    private const string NoTrends = "the provider must pass its ITrendReader and its maintenance to StoreUnderTest";

    [Fact]
    public async Task Trends_PerHourAndPerDay_EqualTheSameAggregatesComputedFromTheRawRows()
    {
        await using var store = await CreateStoreAsync();
        var trends = store.Trends.ShouldNotBeNull(NoTrends);
        var maintain = store.Maintain.ShouldNotBeNull(NoTrends);
        var performance = store.Performance.ShouldNotBeNull(NoPerformanceStore);
        var model = Schema("trend");
        var random = new Random(11);
        for (var hour = 0; hour < 3; hour++)
        {
            var predictions = Enumerable.Range(0, 37 + (hour * 13)).Select(i => Prediction(
                At((hour * 3600) + (i * 61 % 3600)),
                latencyMs: random.Next(1, 50_000) * 0.01,
                confidence: i % 2 == 0 ? Math.Round(random.NextDouble(), 6) : null,
                status: i % 7 == 3 ? PredictionStatus.Error : PredictionStatus.Success)).ToArray();
            await WriteAsync(store, Batch(model, predictions, driftChecks: [
                DriftCheck(model, At((hour * 3600) + 600), features: [Feature("amount", drifted: hour == 1, statistic: 0.02 * (hour + 1)), Feature("age", drifted: false, statistic: 0.01)]),
                DriftCheck(model, At((hour * 3600) + 1800), features: [Feature("amount", drifted: true, statistic: 0.5)])]));
            await performance.SaveRealizedPerformanceAsync("trend", At(hour * 3600), [PerformanceWindow(hour * 3600, "", 10 + hour, 0.5 + (0.1 * hour)), PerformanceWindow(hour * 3600, "eu", 3, 0.1)]);
            await performance.SaveRealizedPerformanceAsync("trend", At((hour * 3600) + 60), [PerformanceWindow((hour * 3600) + 60, "", 4, 0.9)]);
        }

        await WriteAsync(store, Batch(Schema("other"), [Prediction(At(5), latencyMs: 999)]));
        var day = new DateTimeOffset(T0.Date, TimeSpan.Zero);

        await maintain(T0.AddDays(2));

        var hourly = await trends.GetVolumeTrendAsync("trend", TrendResolution.Hour, day, day.AddDays(1));
        var daily = await trends.GetVolumeTrendAsync("trend", TrendResolution.Day, day, day.AddDays(1));
        hourly.Select(p => p.Start).ShouldBe([T0, T0.AddHours(1), T0.AddHours(2)]);
        daily.Select(p => p.Start).ShouldBe([day]);
        foreach (var point in hourly.Concat(daily))
        {
            var length = point.Start == day ? TimeSpan.FromDays(1) : TimeSpan.FromHours(1);
            var raw = await store.ReadPredictionsAsync("trend", point.Start, point.Start + length);
            ShouldMatchRawRows(point, raw);
        }

        var hourlyPerformance = await trends.GetPerformanceTrendAsync("trend", TrendResolution.Hour, day, day.AddDays(1));
        var dailyPerformance = await trends.GetPerformanceTrendAsync("trend", TrendResolution.Day, day, day.AddDays(1));
        foreach (var point in hourlyPerformance.Concat(dailyPerformance))
        {
            var length = dailyPerformance.Contains(point) ? TimeSpan.FromDays(1) : TimeSpan.FromHours(1);
            var windows = await store.Reader.GetRealizedPerformanceAsync("trend", point.Start, point.Start + length, segment: "");
            point.LabelCount.ShouldBe(windows.Sum(w => w.LabelCount));
            point.Value!.Value.ShouldBe(windows.Sum(w => w.Metrics[point.Metric] * w.LabelCount) / windows.Sum(w => w.LabelCount), 1e-12);
        }

        hourlyPerformance.Select(p => p.Metric).ShouldBe(["realized.accuracy", "realized.f1_macro", "realized.accuracy", "realized.f1_macro", "realized.accuracy", "realized.f1_macro"]);
        dailyPerformance.Select(p => p.LabelCount).ShouldBe([10 + 11 + 12 + (3 * 4), 10 + 11 + 12 + (3 * 4)]);

        var hourlyDrift = await trends.GetDriftTrendAsync("trend", TrendResolution.Hour, day, day.AddDays(1));
        var dailyDrift = await trends.GetDriftTrendAsync("trend", TrendResolution.Day, day, day.AddDays(1));
        hourlyDrift.Count.ShouldBe(6);
        foreach (var point in hourlyDrift.Concat(dailyDrift))
        {
            var length = dailyDrift.Contains(point) ? TimeSpan.FromDays(1) : TimeSpan.FromHours(1);
            var checks = await store.Reader.GetDriftHistoryAsync("trend", point.Start, point.Start + length);
            var tests = checks.SelectMany(c => c.Features).Where(f => f.Feature == point.Feature).ToArray();
            point.TestCount.ShouldBe(tests.Length);
            point.DriftedCount.ShouldBe(tests.Count(t => t.Drifted));
            point.MaxScore!.Value.ShouldBe(tests.Max(t => t.Score), 1e-12);
            point.MeanScore!.Value.ShouldBe(tests.Average(t => t.Score), 1e-12);
        }

        dailyDrift.Select(d => (d.Feature, d.TestCount, d.DriftedCount)).ShouldBe([("age", 3L, 0L), ("amount", 6L, 4L)]);
    }

    [Fact]
    public async Task Maintenance_RunAgainAndLater_KeepsRollupsOfRawDataPastItsRetention_AndDeletesExpiredRawRows()
    {
        await using var store = await CreateStoreAsync();
        var trends = store.Trends.ShouldNotBeNull(NoTrends);
        var maintain = store.Maintain.ShouldNotBeNull(NoTrends);
        var model = Schema("expiring");
        var prediction = Prediction(At(10), latencyMs: 12);
        await WriteAsync(store, Batch(model, [prediction, Prediction(At(20), latencyMs: 14)], labels: [Label(prediction.Id, At(30), "a")], metrics: [Metric("queue_depth", 3, At(40))]));
        var day = new DateTimeOffset(T0.Date, TimeSpan.Zero);

        await maintain(T0.AddDays(2));
        await maintain(T0.AddDays(2));
        var before = await trends.GetVolumeTrendAsync("expiring", TrendResolution.Day, day, day.AddDays(1));
        (await store.Reader.GetRecentMetricsAsync("expiring", "queue_depth")).Count.ShouldBe(1);

        // Past the default raw retention (30 days), within the default daily roll-up retention (730 days).
        await maintain(T0.AddDays(45));

        (await store.Reader.GetRecentMetricsAsync("expiring", "queue_depth")).ShouldBeEmpty();
        var after = await trends.GetVolumeTrendAsync("expiring", TrendResolution.Day, day, day.AddDays(1));
        after.ShouldBe(before);
        after.ShouldHaveSingleItem().PredictionCount.ShouldBe(2);
        after[0].LatencyP50Ms.ShouldBe(12);
        (await trends.GetVolumeTrendAsync("expiring", TrendResolution.Hour, day, day.AddDays(1))).ShouldHaveSingleItem();
    }

    private static void ShouldMatchRawRows(VolumeTrendPoint point, IReadOnlyList<PredictionRecord> raw)
    {
        var latencies = raw.Select(p => p.Latency.Ticks / 10_000.0).Order().ToArray();
        var confidences = raw.Where(p => p.Confidence is not null).Select(p => p.Confidence!.Value).ToArray();
        point.PredictionCount.ShouldBe(raw.Count);
        point.ErrorCount.ShouldBe(raw.Count(p => p.Status == PredictionStatus.Error));
        point.LatencyMeanMs.ShouldBe(latencies.Average(), 1e-9);
        point.LatencyP50Ms.ShouldBe(NearestRank(latencies, 50), 1e-9);
        point.LatencyP95Ms.ShouldBe(NearestRank(latencies, 95), 1e-9);
        point.LatencyP99Ms.ShouldBe(NearestRank(latencies, 99), 1e-9);
        point.ConfidenceMean!.Value.ShouldBe(confidences.Average(), 1e-12);
    }

    /// <summary>The smallest value whose 1-based rank is at least q·n.</summary>
    private static double NearestRank(double[] sorted, int percent) =>
        sorted[Enumerable.Range(1, sorted.Length).First(rank => rank * 100L >= sorted.Length * (long)percent) - 1];

    private static RealizedPerformance PerformanceWindow(double startSeconds, string segment, long labels, double accuracy) => new()
    {
        WindowStart = At(startSeconds),
        WindowEnd = At(startSeconds + 60),
        Segment = segment,
        LabelCount = labels,
        ComputedAt = At(startSeconds + 120),
        Metrics = new Dictionary<string, double> { ["realized.accuracy"] = accuracy, ["realized.f1_macro"] = accuracy / 2 },
    };
}
