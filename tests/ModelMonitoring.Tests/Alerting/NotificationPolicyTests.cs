using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ModelMonitoring.Alerting;
using ModelMonitoring.Testing;
using static ModelMonitoring.Tests.Alerting.AlertHarness;

namespace ModelMonitoring.Tests.Alerting;

public sealed class NotificationPolicyTests
{
    [Fact]
    public async Task Suppression_CapsNotificationsPerNameAndSeverity_ButRecordsEveryAlert()
    {
        await using var alerts = Create(o => { o.Suppression.MaxNotifications = 2; o.Suppression.Window = TimeSpan.FromMinutes(10); });

        await alerts.CycleAsync(Holds("drift.amount", model: "a"), Holds("drift.amount", model: "b"), Holds("drift.amount", model: "c"), Holds("drift.amount", AlertSeverity.Critical, model: "d"));
        await alerts.AdvanceAsync(TimeSpan.FromMinutes(10), Holds("drift.amount", model: "e"));

        alerts.Logger.Alerts.Select(a => a.Model).ShouldBe(["a", "b", "d", "e"]);
        var stored = await alerts.Manager.GetActiveAlertsAsync();
        stored.Count.ShouldBe(5);
        stored.Single(a => a.Model == "c").SuppressedCount.ShouldBe(1);
        stored.Single(a => a.Model == "c").NotificationCount.ShouldBe(0);
        alerts.Notifier.Suppressed.ShouldBe(1);
    }

    [Fact]
    public async Task Silence_MutesMatchingAlertsForItsPeriod_WhichAreStillRecorded()
    {
        await using var alerts = Create();
        await alerts.Manager.AddSilenceAsync(new Silence { Model = "fraud", AlertName = "drift.*", StartsAt = Start, EndsAt = Start.AddHours(1), CreatedBy = "ana" });

        await alerts.CycleAsync(Holds("drift.amount", model: "fraud"), Holds("drift.amount", model: "churn"), Holds("error_rate", model: "fraud"));
        await alerts.AdvanceAsync(TimeSpan.FromHours(1), Holds("drift.country", model: "fraud"));

        alerts.Logger.Alerts.Select(a => (a.Model, a.Name)).ShouldBe([("churn", "drift.amount"), ("fraud", "error_rate"), ("fraud", "drift.country")]);
        (await alerts.Manager.GetActiveAlertsAsync(new AlertQuery { Model = "fraud" })).Count.ShouldBe(3);
        alerts.Notifier.Silenced.ShouldBe(1);
        (await alerts.Manager.GetSilencesAsync(Start)).ShouldHaveSingleItem().CreatedBy.ShouldBe("ana");
        await Should.ThrowAsync<ArgumentException>(() => alerts.Manager.AddSilenceAsync(new Silence { StartsAt = Start, EndsAt = Start }));
    }

    [Fact]
    public async Task Routing_ByDefault_SendsEachSeverityToTheChannelsWhoseMinimumSeverityItReaches()
    {
        await using var alerts = Create(configure: null, store: null, clock: null, "logger", "slack>=Warning", "email>=Critical", "pagerduty>=Critical");

        await alerts.CycleAsync(Holds("w", AlertSeverity.Warning), Holds("c", AlertSeverity.Critical), Holds("i", AlertSeverity.Info));

        alerts.Channels["logger"].Alerts.Select(a => a.Name).ShouldBe(["w", "c", "i"], ignoreOrder: true);
        alerts.Channels["slack"].Alerts.Select(a => a.Name).ShouldBe(["w", "c"], ignoreOrder: true);
        alerts.Channels["email"].Alerts.Select(a => a.Name).ShouldBe(["c"]);
        alerts.Channels["pagerduty"].Alerts.Select(a => a.Name).ShouldBe(["c"]);
    }

    [Fact]
    public async Task Routing_ByDefault_KnowsNoChannelByName()
    {
        // A channel's name says nothing about what it wants: "email" here takes every severity.
        await using var alerts = Create(configure: null, store: null, clock: null, "logger", "slack", "email", "pagerduty");

        await alerts.CycleAsync(Holds("i", AlertSeverity.Info));

        foreach (var channel in new[] { "logger", "slack", "email", "pagerduty" })
        {
            alerts.Channels[channel].Alerts.Select(a => a.Name).ShouldBe(["i"], channel);
        }
    }

    [Fact]
    public async Task Routing_Configured_SendsEachSeverityToItsChannels_AndResolveGoesWhereFiringWent()
    {
        await using var alerts = Create(o => o.Routes[AlertSeverity.Warning] = ["email"], store: null, clock: null, "logger", "email");

        await alerts.CycleAsync(Holds("w", AlertSeverity.Warning));
        await alerts.AdvanceAsync(TimeSpan.FromMinutes(1), Clears("w"));

        alerts.Channels["email"].Alerts.Select(a => a.State).ShouldBe([AlertState.Firing, AlertState.Resolved]);
        alerts.Channels["logger"].Alerts.ShouldBeEmpty();
    }

    [Fact]
    public void Routing_ToAnUnregisteredChannel_FailsAtStartNamingTheSetting()
    {
        var options = new AlertingOptions();
        options.Routes[AlertSeverity.Critical] = ["pager"];
        options.Escalation.Add(new EscalationLevel { After = TimeSpan.FromMinutes(5), Channels = { "sms" } });

        var error = Should.Throw<OptionsValidationException>(() => new AlertNotifier(options, [new RecordingAlertChannel("logger")], TimeSpan.FromSeconds(1), TimeProvider.System, NullLogger.Instance));

        error.Message.ShouldContain("Alerting.Routes[Critical]: 'pager' is not a registered alert channel; registered: logger");
        error.Message.ShouldContain("Alerting.Escalation[0].Channels: 'sms'");
    }

    [Fact]
    public void TwoChannelsWithOneName_FailAtStartNamingIt()
    {
        var error = Should.Throw<OptionsValidationException>(() => new AlertNotifier(new AlertingOptions(), [new RecordingAlertChannel("logger"), new RecordingAlertChannel("logger")], TimeSpan.FromSeconds(1), TimeProvider.System, NullLogger.Instance));

        error.Message.ShouldContain("'logger' are used by more than one registered channel");
    }

    [Fact]
    public async Task Escalation_ReachesEachLevelOnTime_UntilAcknowledged()
    {
        await using var alerts = Create(Escalating, store: null, clock: null, "logger", "slack>=Warning", "email>=Critical", "pagerduty>=Critical");
        await alerts.CycleAsync(Holds("cpu", AlertSeverity.Info));

        await alerts.AdvanceAsync(TimeSpan.FromMinutes(4));
        alerts.Channels["slack"].Alerts.ShouldBeEmpty();
        await alerts.AdvanceAsync(TimeSpan.FromMinutes(1));
        alerts.Channels["slack"].Alerts.ShouldHaveSingleItem().Severity.ShouldBe(AlertSeverity.Warning);
        await alerts.AdvanceAsync(TimeSpan.FromMinutes(10));
        var email = alerts.Channels["email"].Alerts.ShouldHaveSingleItem();
        email.Severity.ShouldBe(AlertSeverity.Critical);

        await alerts.Manager.AcknowledgeAsync(email.Id, "ana");
        await alerts.AdvanceAsync(TimeSpan.FromMinutes(30));

        alerts.Channels["pagerduty"].Alerts.ShouldBeEmpty();
        (await alerts.StoredAsync("cpu")).EscalationLevel.ShouldBe(2);
        alerts.Channels["email"].Alerts.Select(a => a.State).ShouldBe([AlertState.Firing, AlertState.Acknowledged]);
    }

    [Fact]
    public async Task Escalation_AfterARestart_ContinuesFromTheStoredState()
    {
        var store = new InMemoryAlertStore(); // outlives the first manager, as a database would
        var clock = new FakeTimeProvider(Start);
        await using (var first = Create(Escalating, store, clock, "logger", "slack>=Warning", "email>=Critical", "pagerduty>=Critical"))
        {
            await first.CycleAsync(Holds("cpu", AlertSeverity.Info));
            await first.AdvanceAsync(TimeSpan.FromMinutes(6));
            first.Channels["slack"].Alerts.Count.ShouldBe(1);
        }

        clock.Advance(TimeSpan.FromMinutes(25)); // the process is down from minute 6 to 31
        await using var second = Create(Escalating, store, clock, "logger", "slack>=Warning", "email>=Critical", "pagerduty>=Critical");
        await second.CycleAsync();

        second.Channels["slack"].Alerts.ShouldBeEmpty(); // level 1 was sent before the restart
        second.Channels["email"].Alerts.ShouldHaveSingleItem();
        second.Channels["pagerduty"].Alerts.ShouldHaveSingleItem();
        second.Logger.Alerts.ShouldBeEmpty(); // no second "firing" for the same alert
        (await second.StoredAsync("cpu")).EscalationLevel.ShouldBe(3);

        await second.AdvanceAsync(TimeSpan.FromMinutes(1), Clears("cpu"));
        second.Channels["pagerduty"].Alerts.Select(a => a.State).ShouldBe([AlertState.Firing, AlertState.Resolved]);
        second.Channels["slack"].Alerts.Select(a => a.State).ShouldBe([AlertState.Resolved]);
    }

    [Fact]
    public async Task HungChannel_DoesNotDelayTheOthers()
    {
        await using var alerts = Create(configure: null, store: null, clock: null, "logger", "slack");
        alerts.Channels["slack"].Hang = true;

        await alerts.Manager.ProcessAsync([Holds("cpu", AlertSeverity.Critical) with { Timestamp = Start }], CancellationToken.None);
        (await alerts.Channels["logger"].WhenReceivedAsync(1)).ShouldBeTrue(); // no fake time has passed

        alerts.Channels["slack"].Alerts.ShouldBeEmpty();
    }

    [Fact]
    public async Task FullChannelQueue_DropsAndCountsNotifications()
    {
        await using var alerts = Create(o => { o.ChannelQueueCapacity = 1; o.Suppression.MaxNotifications = 0; }, store: null, clock: null, "logger");
        alerts.Logger.Hang = true;

        await alerts.Manager.ProcessAsync([.. Enumerable.Range(0, 5).Select(i => Holds("cpu", model: "m" + i) with { Timestamp = Start })], CancellationToken.None);

        var queue = alerts.Notifier.Queues.Single();
        queue.Dropped.ShouldBeInRange(3, 4); // one in delivery (hung), at most one queued
        alerts.Logger.ReleaseHang();
        (await alerts.Notifier.WhenIdleAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue();
        (queue.Delivered + queue.Dropped).ShouldBe(5);
    }

    private static void Escalating(AlertingOptions options)
    {
        options.Escalation.Add(new EscalationLevel { After = TimeSpan.FromMinutes(5), Channels = { "slack" }, Severity = AlertSeverity.Warning });
        options.Escalation.Add(new EscalationLevel { After = TimeSpan.FromMinutes(15), Channels = { "email" }, Severity = AlertSeverity.Critical });
        options.Escalation.Add(new EscalationLevel { After = TimeSpan.FromMinutes(30), Channels = { "pagerduty" } });
    }
}
