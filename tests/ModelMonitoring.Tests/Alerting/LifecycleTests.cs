using ModelMonitoring.Alerting;
using static ModelMonitoring.Tests.Alerting.AlertHarness;

namespace ModelMonitoring.Tests.Alerting;

public sealed class LifecycleTests
{
    [Fact]
    public async Task Condition_WithoutPendingDuration_FiresAtOnce_AndResolvesOnceWhenItClears()
    {
        await using var alerts = Create();

        await alerts.CycleAsync(Holds("cpu"));
        await alerts.AdvanceAsync(TimeSpan.FromMinutes(1), Holds("cpu"));
        await alerts.AdvanceAsync(TimeSpan.FromMinutes(1), Clears("cpu"));
        await alerts.AdvanceAsync(TimeSpan.FromMinutes(1), Clears("cpu"));

        alerts.Logger.Alerts.Select(a => a.State).ShouldBe([AlertState.Firing, AlertState.Resolved]);
        alerts.Logger.Alerts.Select(a => a.Id).Distinct().ShouldHaveSingleItem().ShouldNotBeEmpty();
        var stored = await alerts.StoredAsync("cpu");
        stored.State.ShouldBe(AlertState.Resolved);
        stored.StartedAt.ShouldBe(Start);
        stored.ResolvedAt.ShouldBe(Start.AddMinutes(2));
        stored.NotificationCount.ShouldBe(2);
        stored.Message.ShouldBe("cpu holds"); // the store keeps what triggered the alert ...
        alerts.Logger.Alerts[1].Message.ShouldBe("cpu cleared"); // ... the resolution says why it ended
    }

    [Fact]
    public async Task PendingDuration_FiresOnlyAfterTheConditionHeldThatLong()
    {
        await using var alerts = Create(o => o.Rules.Add(new AlertRule { Name = "slow", Metric = "latency_p95_ms", Value = 100, For = TimeSpan.FromMinutes(5) }));

        await alerts.CycleAsync(Holds("slow"));
        await alerts.AdvanceAsync(TimeSpan.FromMinutes(4), Holds("slow"));
        alerts.Logger.Alerts.ShouldBeEmpty();
        (await alerts.Manager.GetActiveAlertsAsync()).ShouldBeEmpty();

        await alerts.AdvanceAsync(TimeSpan.FromMinutes(1));

        var fired = alerts.Logger.Alerts.ShouldHaveSingleItem();
        fired.State.ShouldBe(AlertState.Firing);
        fired.StartedAt.ShouldBe(Start.AddMinutes(5));
    }

    [Fact]
    public async Task PendingDuration_ConditionThatClearsInTime_NeverFires()
    {
        await using var alerts = Create(o => o.Rules.Add(new AlertRule { Name = "slow", Metric = "latency_p95_ms", Value = 100, For = TimeSpan.FromMinutes(5) }));

        await alerts.CycleAsync(Holds("slow"));
        await alerts.AdvanceAsync(TimeSpan.FromMinutes(4), Clears("slow"));
        await alerts.AdvanceAsync(TimeSpan.FromMinutes(2), Holds("slow"));
        await alerts.AdvanceAsync(TimeSpan.FromMinutes(4));

        alerts.Logger.Alerts.ShouldBeEmpty();
        await alerts.AdvanceAsync(TimeSpan.FromMinutes(1));
        alerts.Logger.Alerts.ShouldHaveSingleItem().StartedAt.ShouldBe(Start.AddMinutes(11));
    }

    [Fact]
    public async Task DriftRule_PendingDurationAndSeverity_ApplyToMatchingDriftSignals()
    {
        await using var alerts = Create(o => o.Rules.Add(new AlertRule { Name = "drift", Metric = "drift.*", For = TimeSpan.FromMinutes(10), Severity = AlertSeverity.Critical }));

        await alerts.CycleAsync(Holds("drift.amount", AlertSeverity.Warning));
        await alerts.AdvanceAsync(TimeSpan.FromMinutes(9));
        alerts.Logger.Alerts.ShouldBeEmpty();
        await alerts.AdvanceAsync(TimeSpan.FromMinutes(1));

        var fired = alerts.Logger.Alerts.ShouldHaveSingleItem();
        fired.Name.ShouldBe("drift.amount");
        fired.Severity.ShouldBe(AlertSeverity.Critical);
    }

    [Fact]
    public async Task StillFiring_NotifiesAgainOnlyAfterTheRepeatInterval()
    {
        await using var alerts = Create();

        await alerts.CycleAsync(Holds("cpu"));
        for (var step = 0; step < 7; step++)
        {
            await alerts.AdvanceAsync(TimeSpan.FromMinutes(30), Holds("cpu"));
        }

        alerts.Logger.Alerts.Count.ShouldBe(1); // 3 h 30 min: still once
        alerts.Clock.Advance(Start.AddHours(4) - alerts.Clock.GetUtcNow());
        await alerts.CycleAsync(Holds("cpu"));

        alerts.Logger.Alerts.Count.ShouldBe(2);
        alerts.Logger.Alerts[1].Id.ShouldBe(alerts.Logger.Alerts[0].Id);
        (await alerts.StoredAsync("cpu")).LastNotifiedAt.ShouldBe(Start.AddHours(4));
    }

    [Fact]
    public async Task Acknowledge_RecordsWhoAndWhen_TellsTheNotifiedChannels_AndStopsRepeats()
    {
        await using var alerts = Create(o => o.RepeatInterval = TimeSpan.FromHours(1));
        await alerts.CycleAsync(Holds("cpu"));
        var id = alerts.Logger.Alerts.Single().Id;

        alerts.Clock.Advance(TimeSpan.FromMinutes(3));
        var acknowledged = await alerts.Manager.AcknowledgeAsync(id, "ana");
        await alerts.AdvanceAsync(TimeSpan.FromHours(3), Holds("cpu"));

        acknowledged.ShouldNotBeNull();
        acknowledged.State.ShouldBe(AlertState.Acknowledged);
        acknowledged.AcknowledgedBy.ShouldBe("ana");
        acknowledged.AcknowledgedAt.ShouldBe(Start.AddMinutes(3));
        alerts.Logger.Alerts.Select(a => a.State).ShouldBe([AlertState.Firing, AlertState.Acknowledged]);
        (await alerts.Manager.GetActiveAlertsAsync()).ShouldHaveSingleItem().State.ShouldBe(AlertState.Acknowledged);
        (await alerts.Manager.AcknowledgeAsync(id, "bo")).ShouldBeNull(); // only a firing alert can be acknowledged
    }

    [Fact]
    public async Task ResolveByHand_ResolvesNow_AndTheConditionMustClearBeforeANewAlert()
    {
        await using var alerts = Create();
        await alerts.CycleAsync(Holds("cpu"));
        var id = alerts.Logger.Alerts.Single().Id;

        var resolved = await alerts.Manager.ResolveAsync(id, "ana");
        await alerts.AdvanceAsync(TimeSpan.FromMinutes(1), Holds("cpu"));
        (await alerts.Manager.GetActiveAlertsAsync()).ShouldBeEmpty();
        await alerts.AdvanceAsync(TimeSpan.FromMinutes(1), Clears("cpu"));
        await alerts.AdvanceAsync(TimeSpan.FromMinutes(1), Holds("cpu"));

        resolved!.ResolvedBy.ShouldBe("ana");
        alerts.Logger.Alerts.Select(a => a.State).ShouldBe([AlertState.Firing, AlertState.Resolved, AlertState.Firing]);
        alerts.Logger.Alerts[2].Id.ShouldNotBe(id);
        (await alerts.Manager.ResolveAsync("no-such-id", "ana")).ShouldBeNull();
    }

    [Fact]
    public async Task ActiveAlerts_AreQueriedByModelEnvironmentAndSeverity()
    {
        await using var alerts = Create();
        await alerts.CycleAsync(Holds("a", AlertSeverity.Critical, model: "fraud"), Holds("b", AlertSeverity.Warning, model: "fraud"), Holds("a", AlertSeverity.Critical, model: "churn"));

        (await alerts.Manager.GetActiveAlertsAsync(new AlertQuery { Model = "fraud" })).Count.ShouldBe(2);
        (await alerts.Manager.GetActiveAlertsAsync(new AlertQuery { Severity = AlertSeverity.Critical })).Select(a => a.Model).ShouldBe(["fraud", "churn"], ignoreOrder: true);
        (await alerts.Manager.GetActiveAlertsAsync(new AlertQuery { Environment = "staging" })).ShouldBeEmpty();
        (await alerts.Manager.GetAlertHistoryAsync(Start, Start.AddSeconds(1))).Count.ShouldBe(3);
    }
}
