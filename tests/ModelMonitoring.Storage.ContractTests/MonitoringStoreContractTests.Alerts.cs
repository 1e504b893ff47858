using ModelMonitoring.Alerting;
using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.Storage.ContractTests;

public abstract partial class MonitoringStoreContractTests
{
    [Fact]
    public async Task Alerts_AreStoredWithEveryLifecycleFieldAndReadOldestFirst()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("alerting", version: "2.1", environment: "prod");
        var full = new Alert
        {
            Id = "a-full",
            Model = "alerting",
            Version = "2.1",
            Environment = "prod",
            Name = "latency_p95_ms.max",
            Severity = AlertSeverity.Critical,
            State = AlertState.Acknowledged,
            Message = "p95 latency 250 ms is above 200 ms",
            Metric = "latency_p95_ms",
            Value = 250.5,
            Threshold = 200,
            Baseline = 120.25,
            Timestamp = At(3),
            StartedAt = At(2),
            AcknowledgedBy = "ana",
            AcknowledgedAt = At(3),
            LastNotifiedAt = At(2),
            NotificationCount = 3,
            SuppressedCount = 2,
            EscalationLevel = 1,
            NotifiedChannels = ["logger", "slack"],
        };
        var resolved = Alert(model, "error_rate.max", At(1), AlertSeverity.Info, AlertState.Resolved) with { ResolvedBy = "bo" };

        await SaveAlertsAsync(store, full, resolved);
        var history = await store.Alerts.GetAlertHistoryAsync(All.From, All.To, AlertQuery.All);
        var byReader = await store.Reader.GetAlertsAsync("alerting", All.From, All.To);

        history.Count.ShouldBe(2);
        ShouldEqual(history[0], resolved);
        ShouldEqual(history[1], full);
        byReader.Select(a => a.Id).ShouldBe([resolved.Id, "a-full"]);
    }

    [Fact]
    public async Task Alerts_SavedAgainWithTheSameId_AreReplacedInPlace()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("upsert");
        var firing = Alert(model, "a", At(1));
        await SaveAlertsAsync(store, firing);
        await SaveAlertsAsync(store, firing with { State = AlertState.Resolved, ResolvedAt = At(5), Timestamp = At(5), NotificationCount = 2 });

        var history = await store.Alerts.GetAlertHistoryAsync(All.From, All.To, AlertQuery.All);

        var stored = history.ShouldHaveSingleItem();
        stored.State.ShouldBe(AlertState.Resolved);
        stored.ResolvedAt.ShouldBe(At(5));
        stored.NotificationCount.ShouldBe(2);
        (await store.Alerts.GetActiveAlertsAsync(AlertQuery.All)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AlertHistory_OverTheWidestRange_HoldsEveryAlert()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("widest");
        await SaveAlertsAsync(store, Alert(model, "a", At(1)), Alert(model, "b", At(2), AlertSeverity.Critical, AlertState.Resolved));

        var history = await store.Alerts.GetAlertHistoryAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, AlertQuery.All);
        var byReader = await store.Reader.GetAlertsAsync("widest", DateTimeOffset.MinValue, DateTimeOffset.MaxValue);

        history.Select(a => a.Name).ShouldBe(["a", "b"]);
        byReader.Select(a => a.Name).ShouldBe(["a", "b"]);
    }

    [Fact]
    public async Task ActiveAlerts_AreFiringOrAcknowledged_AndFilteredByModelEnvironmentAndSeverity()
    {
        await using var store = await CreateStoreAsync();
        var fraud = Schema("fraud", environment: "prod");
        var churn = Schema("churn", environment: "staging");
        await SaveAlertsAsync(
            store,
            Alert(fraud, "firing", At(1), AlertSeverity.Critical),
            Alert(fraud, "acked", At(2), AlertSeverity.Warning, AlertState.Acknowledged),
            Alert(fraud, "done", At(3), AlertSeverity.Critical, AlertState.Resolved),
            Alert(churn, "other", At(4), AlertSeverity.Critical));

        (await store.Alerts.GetActiveAlertsAsync(AlertQuery.All)).Select(a => a.Name).ShouldBe(["firing", "acked", "other"]);
        (await store.Alerts.GetActiveAlertsAsync(new AlertQuery { Model = "fraud" })).Select(a => a.Name).ShouldBe(["firing", "acked"]);
        (await store.Alerts.GetActiveAlertsAsync(new AlertQuery { Environment = "staging" })).Select(a => a.Name).ShouldBe(["other"]);
        (await store.Alerts.GetActiveAlertsAsync(new AlertQuery { Model = "fraud", Severity = AlertSeverity.Critical })).Select(a => a.Name).ShouldBe(["firing"]);
        (await store.Alerts.GetAlertHistoryAsync(At(2), At(4), new AlertQuery { Model = "fraud" })).Select(a => a.Name).ShouldBe(["acked", "done"]);
    }

    [Fact]
    public async Task Silences_RoundTrip_AndOnlyThoseNotEndedAreRead()
    {
        await using var store = await CreateStoreAsync();
        var ended = new Silence { Id = "s1", StartsAt = At(0), EndsAt = At(5) };
        var full = new Silence { Id = "s2", Model = "fraud", AlertName = "drift.*", Severity = AlertSeverity.Warning, StartsAt = At(1), EndsAt = At(20), CreatedBy = "ana", Comment = "retraining" };
        await store.Alerts.SaveSilenceAsync(ended);
        await store.Alerts.SaveSilenceAsync(full);

        (await store.Alerts.GetSilencesAsync(At(5))).ShouldBe([full]);
        (await store.Alerts.GetSilencesAsync(At(4))).ShouldBe([ended, full]);
    }

    [Fact]
    public async Task Report_CountsAlertsThatStartedInTheRangeBySeverity()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("counted");
        await SaveAlertsAsync(
            store,
            Alert(model, "a", At(1), AlertSeverity.Critical),
            Alert(model, "b", At(2), AlertSeverity.Critical, AlertState.Resolved),
            Alert(model, "c", At(3), AlertSeverity.Warning, AlertState.Acknowledged));

        var report = await store.Reader.GetPerformanceReportAsync("counted", All.From, All.To);

        report.AlertCounts[AlertSeverity.Critical].ShouldBe(2);
        report.AlertCounts[AlertSeverity.Warning].ShouldBe(1);
        report.AlertCounts[AlertSeverity.Info].ShouldBe(0);
    }

    [Fact]
    public async Task ApplicationAlerts_KeepMetadataInOrder_ExpiryChannelsAndOccurrences_AndASaveReplacesTheMetadata()
    {
        await using var store = await CreateStoreAsync();
        var raised = Alert(Schema("app"), "model_failure", At(1), AlertSeverity.Critical) with
        {
            Metadata = new Dictionary<string, string> { ["zeta"] = "last key first", ["path"] = "/models/fraud.onnx", ["empty"] = string.Empty, ["note"] = "Zürich \"x\" ✓" },
            ExpiresAt = At(30.5),
            Channels = ["pager", "email"],
            Occurrences = 3,
        };
        var plain = Alert(Schema("app"), "rule", At(2));
        await SaveAlertsAsync(store, raised, plain);

        var active = await store.Alerts.GetActiveAlertsAsync(AlertQuery.All);

        active.Count.ShouldBe(2);
        ShouldEqual(active[0], raised);
        active[0].Metadata.Keys.ShouldBe(["zeta", "path", "empty", "note"]);
        ShouldEqual(active[1], plain);
        active[1].Metadata.ShouldBeEmpty();
        active[1].ExpiresAt.ShouldBeNull();
        active[1].Occurrences.ShouldBe(1);

        var updated = raised with { Metadata = new Dictionary<string, string> { ["attempt"] = "2" }, Occurrences = 4, State = AlertState.Resolved, ResolvedAt = At(31) };
        await SaveAlertsAsync(store, updated);
        var history = await store.Alerts.GetAlertHistoryAsync(All.From, All.To, new AlertQuery { Severity = AlertSeverity.Critical });
        ShouldEqual(history.ShouldHaveSingleItem(), updated);
        (await store.Reader.GetAlertsAsync("app", All.From, All.To)).First(a => a.Id == raised.Id).Metadata.ShouldBe(updated.Metadata);
    }

    private static void ShouldEqual(Alert actual, Alert expected)
    {
        actual.NotifiedChannels.ShouldBe(expected.NotifiedChannels);
        actual.Channels.ShouldBe(expected.Channels);
        actual.Metadata.ShouldBe(expected.Metadata);
        (actual with { NotifiedChannels = expected.NotifiedChannels, Channels = expected.Channels, Metadata = expected.Metadata }).ShouldBe(expected);
    }
}
