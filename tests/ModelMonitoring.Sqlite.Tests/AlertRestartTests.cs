using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Sqlite.Tests;

/// <summary>The alert lifecycle survives a restart because its timing state is read back from the SQLite file.</summary>
public sealed class AlertRestartTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task Escalation_ContinuesAfterARestart_AndTheRestoredAlertResolvesWhenItsConditionClears()
    {
        var path = _directory.File("alerts.db");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
        var slack = new RecordingAlertChannel("slack");
        var pager = new RecordingAlertChannel("pagerduty");

        await using (var first = Create(path, clock, slack, pager))
        {
            RecordWindow(first, errors: 5);
            await CloseWindowAsync(first);
            first.Channel.Alerts.ShouldHaveSingleItem().State.ShouldBe(AlertState.Firing);
            clock.Advance(TimeSpan.FromMinutes(5));
            (await first.Pipeline.FlushAsync()).ShouldBeTrue();
            slack.Alerts.ShouldHaveSingleItem();
            pager.Alerts.ShouldBeEmpty();
        }

        clock.Advance(TimeSpan.FromMinutes(30)); // down for half an hour
        var slackAfter = new RecordingAlertChannel("slack");
        var pagerAfter = new RecordingAlertChannel("pagerduty");
        await using var second = Create(path, clock, slackAfter, pagerAfter);
        (await second.Pipeline.FlushAsync()).ShouldBeTrue();

        pagerAfter.Alerts.ShouldHaveSingleItem().State.ShouldBe(AlertState.Firing);
        slackAfter.Alerts.ShouldBeEmpty();
        second.Channel.Alerts.ShouldBeEmpty();
        var active = (await second.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldHaveSingleItem();
        active.EscalationLevel.ShouldBe(2);
        active.NotifiedChannels.ShouldBe(["recording", "slack", "pagerduty"], ignoreOrder: true);

        RecordWindow(second, errors: 0);
        await CloseWindowAsync(second);

        (await second.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldBeEmpty();
        var resolved = (await second.Pipeline.Alerts.GetAlertHistoryAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue)).ShouldHaveSingleItem();
        resolved.State.ShouldBe(AlertState.Resolved);
        second.Channel.Alerts.ShouldHaveSingleItem().State.ShouldBe(AlertState.Resolved);
        slackAfter.Alerts.ShouldHaveSingleItem().State.ShouldBe(AlertState.Resolved);
        pagerAfter.Alerts.Select(a => a.State).ShouldBe([AlertState.Firing, AlertState.Resolved]);
        pagerAfter.Alerts.Select(a => a.Id).Distinct().ShouldHaveSingleItem().ShouldBe(resolved.Id);
    }

    [Fact]
    public async Task ApplicationAlert_SurvivesARestart_ActiveWithItsMetadataAndExpiry_AndCanBeResolved()
    {
        var path = _directory.File("app-alerts.db");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
        var failure = new ApplicationAlert
        {
            Name = "model_failure",
            Severity = AlertSeverity.Critical,
            Message = "fraud model failed to load",
            Model = "fraud",
            Metadata = new Dictionary<string, string> { ["path"] = "/models/fraud.onnx", ["password"] = "hunter2" },
            TimeToLive = TimeSpan.FromHours(2),
        };
        string id;
        await using (var first = Create(path, clock, new RecordingAlertChannel("slack"), new RecordingAlertChannel("pagerduty")))
        {
            id = (await first.Pipeline.Alerts.RaiseAsync(failure)).Id;
            (await first.Pipeline.FlushAsync()).ShouldBeTrue();
            first.Channel.Alerts.ShouldHaveSingleItem().Id.ShouldBe(id);
        }

        SqliteTestDatabase.Count(path, "SELECT COUNT(*) FROM alert_metadata WHERE value = 'hunter2';").ShouldBe(0);
        clock.Advance(TimeSpan.FromMinutes(30));
        await using var second = Create(path, clock, new RecordingAlertChannel("slack"), new RecordingAlertChannel("pagerduty"));

        var active = (await second.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldHaveSingleItem();
        active.Id.ShouldBe(id);
        active.Metadata.ShouldBe(new Dictionary<string, string> { ["path"] = "/models/fraud.onnx", ["password"] = "***" });
        active.ExpiresAt.ShouldBe(clock.GetUtcNow().AddMinutes(90));
        var again = await second.Pipeline.Alerts.RaiseAsync(failure with { Message = "still failing" });
        again.Id.ShouldBe(id); // deduplicated into the restored alert
        again.Occurrences.ShouldBe(2);
        (await second.Pipeline.FlushAsync()).ShouldBeTrue();
        second.Channel.Alerts.ShouldBeEmpty();

        var resolved = (await second.Pipeline.Alerts.ResolveAsync(id, "ana")).ShouldNotBeNull();
        (await second.Pipeline.FlushAsync()).ShouldBeTrue();

        resolved.State.ShouldBe(AlertState.Resolved);
        second.Channel.Alerts.ShouldHaveSingleItem().State.ShouldBe(AlertState.Resolved);
        (await second.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldBeEmpty();
        var stored = (await second.Pipeline.Alerts.GetAlertHistoryAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue)).ShouldHaveSingleItem();
        stored.ResolvedBy.ShouldBe("ana");
        stored.Message.ShouldBe("still failing");
    }

    [Fact]
    public async Task ApplicationAlert_ThatExpiredWhileTheProcessWasDown_ResolvesAsOfItsExpiryAfterTheRestart()
    {
        var path = _directory.File("app-expiry.db");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
        await using (var first = Create(path, clock, new RecordingAlertChannel("slack"), new RecordingAlertChannel("pagerduty")))
        {
            await first.Pipeline.Alerts.RaiseAsync(new ApplicationAlert { Name = "dependency_down", Message = "feature store unreachable", TimeToLive = TimeSpan.FromMinutes(10) });
            (await first.Pipeline.FlushAsync()).ShouldBeTrue();
        }

        clock.Advance(TimeSpan.FromHours(1));
        await using var second = Create(path, clock, new RecordingAlertChannel("slack"), new RecordingAlertChannel("pagerduty"));
        (await second.Pipeline.FlushAsync()).ShouldBeTrue();

        (await second.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldBeEmpty();
        var stored = (await second.Pipeline.Alerts.GetAlertHistoryAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue)).ShouldHaveSingleItem();
        stored.ResolvedAt.ShouldBe(new DateTimeOffset(2026, 3, 1, 10, 10, 0, TimeSpan.Zero));
        stored.Model.ShouldBe(string.Empty);
        second.Channel.Alerts.ShouldHaveSingleItem().State.ShouldBe(AlertState.Resolved);
    }

    public void Dispose() => _directory.Dispose();

    private static TestPipeline Create(string path, FakeTimeProvider clock, params RecordingAlertChannel[] channels) => TestPipeline.Create(
        o =>
        {
            o.AddModel("fraud", m => m.NumericFeatures("x").Threshold(WindowMetricNames.ErrorRate, t => t.Max = 0.1));
            o.Alerting.Routes[AlertSeverity.Warning] = ["recording"];
            o.Alerting.Escalation.Add(new EscalationLevel { After = TimeSpan.FromMinutes(5), Channels = { "slack" } });
            o.Alerting.Escalation.Add(new EscalationLevel { After = TimeSpan.FromMinutes(20), Channels = { "pagerduty" }, Severity = AlertSeverity.Critical });
        },
        b =>
        {
            b.UseSqlite(path);
            foreach (var channel in channels)
            {
                b.AddAlertChannel(channel);
            }
        },
        clock);

    private static void RecordWindow(TestPipeline test, int errors)
    {
        var monitor = test.Pipeline.GetMonitor("fraud");
        for (var i = 0; i < 10; i++)
        {
            monitor.RecordPrediction(new Prediction { NumericFeatures = [i], Status = i < errors ? PredictionStatus.Error : PredictionStatus.Success });
        }
    }

    private static async Task CloseWindowAsync(TestPipeline test)
    {
        test.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
    }
}
