using ModelMonitoring.Alerting;
using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.Storage.ContractTests;

public abstract partial class MonitoringStoreContractTests
{
    [Fact]
    public async Task Alerts_AreStoredWithEveryFieldAndReadOldestFirst()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("alerting", version: "2.1", environment: "prod");
        var full = new Alert
        {
            Model = "alerting",
            Version = "2.1",
            Environment = "prod",
            Name = "latency_p95_ms.max",
            Severity = AlertSeverity.Critical,
            State = AlertState.Firing,
            Message = "p95 latency 250 ms is above 200 ms",
            Metric = "latency_p95_ms",
            Value = 250.5,
            Threshold = 200,
            Baseline = 120.25,
            Timestamp = At(2),
        };
        var resolved = Alert(model, "error_rate.max", At(1), AlertSeverity.Info, AlertState.Resolved);

        await WriteAsync(store, Batch(model, alerts: [full, resolved]));
        var alerts = await store.Reader.GetAlertsAsync("alerting", All.From, All.To);

        alerts.ShouldBe([resolved, full]);
    }

    [Fact]
    public async Task Report_CountsFiringAlertsBySeverity()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("counted");
        await WriteAsync(store, Batch(model, alerts: [
            Alert(model, "a", At(1), AlertSeverity.Critical),
            Alert(model, "b", At(2), AlertSeverity.Critical),
            Alert(model, "c", At(3), AlertSeverity.Warning),
            Alert(model, "a", At(4), AlertSeverity.Critical, AlertState.Resolved),
            Alert(model, "d", At(5), AlertSeverity.Info, AlertState.Resolved)]));

        var report = await store.Reader.GetPerformanceReportAsync("counted", All.From, All.To);

        report.AlertCounts[AlertSeverity.Critical].ShouldBe(2);
        report.AlertCounts[AlertSeverity.Warning].ShouldBe(1);
        report.AlertCounts[AlertSeverity.Info].ShouldBe(0);
    }
}
