using Microsoft.Extensions.Logging;
using ModelMonitoring.Alerting;
using ModelMonitoring.Testing;
using static ModelMonitoring.Tests.Alerting.AlertHarness;

namespace ModelMonitoring.Tests.Alerting;

/// <summary>Alerts the application raises go through the lifecycle of rule alerts: routing, dedup, silences, escalation, store, expiry.</summary>
public sealed class ApplicationAlertTests
{
    private static ApplicationAlert ModelFailure(string message = "fraud model failed to load", string model = "fraud") => new()
    {
        Name = "model_failure",
        Severity = AlertSeverity.Critical,
        Message = message,
        Model = model,
        Metadata = new Dictionary<string, string> { ["path"] = "/models/fraud.onnx", ["api_key"] = "sk-live-123" },
    };

    private static async Task RaiseAsync(AlertHarness alerts, ApplicationAlert alert)
    {
        await alerts.Manager.RaiseAsync(alert);
        (await alerts.Notifier.WhenIdleAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue();
    }

    [Fact]
    public async Task Raise_IsDeliveredByTheSeverityRoute_AndStoredActiveWithItsMetadata_SecretsRedacted()
    {
        await using var alerts = Create(configure: null, store: null, clock: null, "logger", "email>=Critical", "slack>=Critical");

        var raised = await alerts.Manager.RaiseAsync(ModelFailure());
        (await alerts.Notifier.WhenIdleAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue();

        var sent = alerts.Channels["email"].Alerts.ShouldHaveSingleItem();
        sent.Id.ShouldBe(raised.Id);
        sent.State.ShouldBe(AlertState.Firing);
        sent.Model.ShouldBe("fraud");
        sent.Metadata.ShouldBe(new Dictionary<string, string> { ["path"] = "/models/fraud.onnx", ["api_key"] = AlertMetadata.RedactedValue });
        alerts.Logger.Alerts.ShouldHaveSingleItem();
        var stored = (await alerts.Manager.GetActiveAlertsAsync()).ShouldHaveSingleItem();
        stored.Id.ShouldBe(raised.Id);
        stored.StartedAt.ShouldBe(Start);
        stored.Metadata["api_key"].ShouldBe("***");
        stored.NotificationCount.ShouldBe(1);
        stored.Occurrences.ShouldBe(1);
    }

    [Fact]
    public async Task RaiseTwice_WhileActive_IsOneAlert_NotifiedOnce_WithTheLatestMessageAndACount()
    {
        await using var alerts = Create();
        var first = await alerts.Manager.RaiseAsync(ModelFailure("load failed: timeout"));
        alerts.Clock.Advance(TimeSpan.FromMinutes(5));

        var second = await alerts.Manager.RaiseAsync(ModelFailure("load failed: file missing") with { Metadata = new Dictionary<string, string> { ["attempt"] = "2" } });
        (await alerts.Notifier.WhenIdleAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue();

        second.Id.ShouldBe(first.Id);
        alerts.Logger.Alerts.ShouldHaveSingleItem().Message.ShouldBe("load failed: timeout");
        var stored = (await alerts.Manager.GetActiveAlertsAsync()).ShouldHaveSingleItem();
        stored.Occurrences.ShouldBe(2);
        stored.Message.ShouldBe("load failed: file missing");
        stored.Metadata.ShouldBe(new Dictionary<string, string> { ["attempt"] = "2" });
        stored.StartedAt.ShouldBe(Start);
        stored.Timestamp.ShouldBe(Start.AddMinutes(5));
        stored.NotificationCount.ShouldBe(1);

        // Another model's failure is another alert.
        await RaiseAsync(alerts, ModelFailure(model: "churn"));
        alerts.Logger.Alerts.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Resolved_ThenRaisedAgain_IsANewAlert()
    {
        await using var alerts = Create();
        var first = await alerts.Manager.RaiseAsync(ModelFailure());
        (await alerts.Manager.ResolveAsync(first.Id, "ana")).ShouldNotBeNull().ResolvedBy.ShouldBe("ana");

        var second = await alerts.Manager.RaiseAsync(ModelFailure());
        (await alerts.Notifier.WhenIdleAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue();

        second.Id.ShouldNotBe(first.Id);
        alerts.Logger.Alerts.Select(a => (a.Id, a.State)).ShouldBe([(first.Id, AlertState.Firing), (first.Id, AlertState.Resolved), (second.Id, AlertState.Firing)]);
        (await alerts.Manager.GetActiveAlertsAsync()).ShouldHaveSingleItem().Id.ShouldBe(second.Id);
    }

    [Fact]
    public async Task Silence_WithholdsTheNotification_ButTheAlertIsStored()
    {
        await using var alerts = Create();
        await alerts.Manager.AddSilenceAsync(new Silence { AlertName = "model_*", StartsAt = Start, EndsAt = Start.AddHours(1) });

        await RaiseAsync(alerts, ModelFailure());

        alerts.Logger.Alerts.ShouldBeEmpty();
        alerts.Notifier.Silenced.ShouldBe(1);
        var stored = (await alerts.Manager.GetActiveAlertsAsync()).ShouldHaveSingleItem();
        stored.SuppressedCount.ShouldBe(1);
        stored.NotificationCount.ShouldBe(0);
    }

    [Fact]
    public async Task Expiry_ResolvesTheAlertOnTheWorkersCycleAtItsTime_AndNotBefore()
    {
        await using var alerts = Create();
        var raised = await alerts.Manager.RaiseAsync(ModelFailure() with { TimeToLive = TimeSpan.FromMinutes(30) });
        raised.ExpiresAt.ShouldBe(Start.AddMinutes(30));

        await alerts.AdvanceAsync(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        (await alerts.Manager.GetActiveAlertsAsync()).ShouldHaveSingleItem();
        alerts.Logger.Alerts.Select(a => a.State).ShouldBe([AlertState.Firing]);

        await alerts.AdvanceAsync(TimeSpan.FromSeconds(1));

        (await alerts.Manager.GetActiveAlertsAsync()).ShouldBeEmpty();
        var stored = await alerts.StoredAsync("model_failure");
        stored.State.ShouldBe(AlertState.Resolved);
        stored.ResolvedAt.ShouldBe(Start.AddMinutes(30));
        stored.ResolvedBy.ShouldBeNull();
        stored.Message.ShouldBe("fraud model failed to load");
        var resolved = alerts.Logger.Alerts[^1];
        resolved.State.ShouldBe(AlertState.Resolved);
        resolved.Message.ShouldBe("fraud model failed to load (expired)");
    }

    [Fact]
    public async Task Expiry_AtAnAbsoluteTime_IsExtendedByALaterRaise()
    {
        await using var alerts = Create();
        await alerts.Manager.RaiseAsync(ModelFailure() with { ExpiresAt = Start.AddMinutes(10) });
        await alerts.AdvanceAsync(TimeSpan.FromMinutes(5));
        await alerts.Manager.RaiseAsync(ModelFailure() with { ExpiresAt = Start.AddMinutes(20) });

        await alerts.AdvanceAsync(TimeSpan.FromMinutes(10));
        (await alerts.Manager.GetActiveAlertsAsync()).ShouldHaveSingleItem().ExpiresAt.ShouldBe(Start.AddMinutes(20));
        await alerts.AdvanceAsync(TimeSpan.FromMinutes(5));

        (await alerts.StoredAsync("model_failure")).ResolvedAt.ShouldBe(Start.AddMinutes(20));
    }

    [Fact]
    public async Task NamedChannels_TakeTheNotificationsInPlaceOfTheSeverityRoute_RepeatsIncluded()
    {
        await using var alerts = Create(o => o.RepeatInterval = TimeSpan.FromHours(1), store: null, clock: null, "logger", "pager");

        await RaiseAsync(alerts, ModelFailure() with { Channels = ["pager"] });
        await alerts.AdvanceAsync(TimeSpan.FromHours(1));

        alerts.Channels["pager"].Alerts.Count.ShouldBe(2);
        alerts.Logger.Alerts.ShouldBeEmpty();
        (await alerts.Manager.GetActiveAlertsAsync()).ShouldHaveSingleItem().Channels.ShouldBe(["pager"]);
    }

    [Fact]
    public async Task Escalation_AppliesToApplicationAlerts()
    {
        await using var alerts = Create(
            o =>
            {
                o.Routes[AlertSeverity.Critical] = ["logger"];
                o.Escalation.Add(new EscalationLevel { After = TimeSpan.FromMinutes(5), Channels = { "pager" } });
            },
            store: null,
            clock: null,
            "logger",
            "pager");

        await RaiseAsync(alerts, ModelFailure());
        await alerts.AdvanceAsync(TimeSpan.FromMinutes(4));
        alerts.Channels["pager"].Alerts.ShouldBeEmpty();
        await alerts.AdvanceAsync(TimeSpan.FromMinutes(1));

        alerts.Channels["pager"].Alerts.ShouldHaveSingleItem().Name.ShouldBe("model_failure");
        (await alerts.Manager.GetActiveAlertsAsync()).ShouldHaveSingleItem().EscalationLevel.ShouldBe(1);
    }

    [Fact]
    public async Task LoggerChannel_LogsTheMetadata_SecretValuesAsStars()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(l => l.AddProvider(logs));
        var channel = new LoggerAlertChannel(factory);
        var alert = new Alert
        {
            Model = "fraud",
            Name = "model_failure",
            Severity = AlertSeverity.Critical,
            Message = "failed to load",
            Metadata = new Dictionary<string, string> { ["path"] = "/models/fraud.onnx", ["ConnectionString"] = "Host=db;Password=pw" },
        };

        await channel.SendAsync(alert, CancellationToken.None);
        await channel.SendAsync(alert with { Metadata = AlertHarness.Holds("x").Metadata }, CancellationToken.None);

        logs.Lines.Count.ShouldBe(2);
        logs.Lines[0].ShouldBe("Error ModelMonitoring.Alerts[152] Alert Firing [Critical] fraud model_failure: failed to load (path=/models/fraud.onnx, ConnectionString=***)");
        logs.Lines[1].ShouldBe("Error ModelMonitoring.Alerts[100] Alert Firing [Critical] fraud model_failure: failed to load");
    }

    public static TheoryData<string, ApplicationAlert> InvalidAlerts() => new()
    {
        { "ApplicationAlert.Name: must not be empty", ModelFailure() with { Name = " " } },
        { "ApplicationAlert.Name: 257 characters are more than the 256 allowed", ModelFailure() with { Name = new string('n', 257) } },
        { "ApplicationAlert.Name: 'threshold.x' is reserved", ModelFailure() with { Name = "threshold.x" } },
        { "ApplicationAlert.Name: 'concept.ddm' is reserved", ModelFailure() with { Name = "concept.ddm" } },
        { "ApplicationAlert.Name: 'estimated.accuracy' is reserved", ModelFailure() with { Name = "estimated.accuracy" } },
        { "ApplicationAlert.Name: 'errors' is the name of an alert rule", ModelFailure() with { Name = "errors" } },
        { "ApplicationAlert.Message: must not contain control characters", ModelFailure("line\nbreak") },
        { "ApplicationAlert.Message: must not be empty", ModelFailure(string.Empty) },
        { "ApplicationAlert.Model: must not contain control characters", ModelFailure(model: "fr\u001baud") },
        { "ApplicationAlert.Metadata: 33 entries are more than the 32 allowed", ModelFailure() with { Metadata = Enumerable.Range(0, 33).ToDictionary(i => "k" + i, i => "v") } },
        { "ApplicationAlert.Metadata[note]: 1025 characters are more than the 1024 allowed", ModelFailure() with { Metadata = new Dictionary<string, string> { ["note"] = new string('x', 1_025) } } },
        { "ApplicationAlert.Metadata key: must not be empty", ModelFailure() with { Metadata = new Dictionary<string, string> { [""] = "x" } } },
        { "ApplicationAlert.ExpiresAt: 2026-03-01T10:00:00.0000000+00:00 is not later than now", ModelFailure() with { ExpiresAt = Start } },
        { "ApplicationAlert.ExpiresAt: set ExpiresAt or TimeToLive, not both", ModelFailure() with { ExpiresAt = Start.AddHours(1), TimeToLive = TimeSpan.FromHours(1) } },
        { "ApplicationAlert.TimeToLive: -00:01:00 is not allowed", ModelFailure() with { TimeToLive = TimeSpan.FromMinutes(-1) } },
        { "ApplicationAlert.Channels: 'sms' is not a registered alert channel", ModelFailure() with { Channels = ["sms"] } },
        { "ApplicationAlert.Severity: 7 is not a severity", ModelFailure() with { Severity = (AlertSeverity)7 } },
    };

    [Theory]
    [MemberData(nameof(InvalidAlerts))]
    public async Task InvalidAlert_IsRefusedNamingTheField_AndNothingIsStoredOrSent(string expected, ApplicationAlert alert)
    {
        await using var alerts = Create(o => o.Rules.Add(new AlertRule { Name = "errors", Metric = "error_rate", Value = 0.1 }));

        var error = await Should.ThrowAsync<ArgumentException>(() => alerts.Manager.RaiseAsync(alert));

        error.Message.ShouldStartWith(expected);
        error.Message.ShouldNotContain("sk-live-123");
        (await alerts.Manager.GetActiveAlertsAsync()).ShouldBeEmpty();
        alerts.Logger.Alerts.ShouldBeEmpty();
    }
}
