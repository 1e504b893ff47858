using ModelMonitoring.Alerting;
using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.Storage.ContractTests;

public abstract partial class MonitoringStoreContractTests
{
    [Fact]
    public async Task Reads_IncludeTheStartAndExcludeTheEndOfTheRange()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("ranges");
        DateTimeOffset from = At(10), to = At(20);
        var justBefore = from.AddTicks(-10);
        var last = to.AddTicks(-10);
        await WriteAsync(store, Batch(
            model,
            [Prediction(justBefore), Prediction(from), Prediction(last), Prediction(to)],
            metrics: [Metric("m", 1, justBefore), Metric("m", 2, from), Metric("m", 3, last), Metric("m", 4, to)]));
        await SaveAlertsAsync(store, Alert(model, "a1", justBefore), Alert(model, "a2", from), Alert(model, "a3", last), Alert(model, "a4", to));

        var report = await store.Reader.GetPerformanceReportAsync("ranges", from, to);
        var alerts = await store.Reader.GetAlertsAsync("ranges", from, to);
        var predictions = await store.ReadPredictionsAsync("ranges", from, to);

        report.Predictions.Count.ShouldBe(2);
        report.Metrics.Single().Count.ShouldBe(2);
        report.Metrics.Single().Mean.ShouldBe(2.5);
        report.AlertCounts[AlertSeverity.Warning].ShouldBe(2);
        alerts.Select(a => a.Name).ShouldBe(["a2", "a3"]);
        predictions.Select(p => p.Timestamp).ShouldBe([from, last]);
    }

    [Fact]
    public async Task Report_OfRangeWithoutData_HasZeroCountsAndNullAverages()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("quiet");
        await WriteAsync(store, Batch(model, [Prediction(At(1), confidence: 0.5, predictedClass: "a")], metrics: [Metric("m", 1, At(1))]));
        await SaveAlertsAsync(store, Alert(model, "x", At(1)));

        var report = await store.Reader.GetPerformanceReportAsync("quiet", At(100), At(200));

        ShouldBeEmpty(report);
        report.Model.ShouldBe("quiet");
        report.From.ShouldBe(At(100));
        report.To.ShouldBe(At(200));
    }

    [Fact]
    public async Task Report_OfUnknownModelOrEmptyRange_HasZeroCounts()
    {
        await using var store = await CreateStoreAsync();
        await WriteAsync(store, Batch(Schema("known"), [Prediction(At(1))]));

        ShouldBeEmpty(await store.Reader.GetPerformanceReportAsync("unknown", All.From, All.To));
        ShouldBeEmpty(await store.Reader.GetPerformanceReportAsync("known", At(1), At(1)));
        (await store.Reader.GetAlertsAsync("unknown", All.From, All.To)).ShouldBeEmpty();
        (await store.Reader.GetRecentMetricsAsync("unknown")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Reads_WithEndBeforeStart_ThrowArgumentOutOfRange()
    {
        await using var store = await CreateStoreAsync();

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => store.Reader.GetPerformanceReportAsync("m", At(2), At(1)));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => store.Reader.GetPredictionSummaryAsync("m", At(2), At(1)));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => store.Reader.GetAlertsAsync("m", At(2), At(1)));
    }

    private static void ShouldBeEmpty(Storage.PerformanceReport report)
    {
        report.Predictions.Count.ShouldBe(0);
        report.Predictions.ErrorCount.ShouldBe(0);
        report.Predictions.ErrorRate.ShouldBe(0);
        report.Predictions.Latency.ShouldBeNull();
        report.Predictions.MeanConfidence.ShouldBeNull();
        report.Predictions.ClassCounts.ShouldBeEmpty();
        report.LabeledCount.ShouldBe(0);
        report.Accuracy.ShouldBeNull();
        report.MeanAbsoluteError.ShouldBeNull();
        report.Metrics.ShouldBeEmpty();
        report.AlertCounts.Values.ShouldAllBe(count => count == 0);
    }
}
