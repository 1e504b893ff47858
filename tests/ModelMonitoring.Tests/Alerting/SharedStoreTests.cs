using Microsoft.Extensions.Logging.Abstractions;
using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Alerting;

/// <summary>Two alert managers on one store, as a leader and a follower of a fleet: changes made through either apply on the leader at its next refresh.</summary>
public sealed class SharedStoreTests
{
    private sealed class Replica
    {
        public Replica(InMemoryAlertStore alerts, InMemoryAlertRuleStore rules, FakeTimeProvider clock)
        {
            Channel = new RecordingAlertChannel("logger");
            Notifier = new AlertNotifier(Options, [Channel], TimeSpan.FromSeconds(5), clock, NullLogger.Instance);
            Manager = new AlertManager(Options, alerts, Notifier, clock, NullLogger.Instance, ruleStore: rules) { Shared = true };
        }

        public AlertingOptions Options { get; } = new() { RepeatInterval = TimeSpan.FromMinutes(5) };

        public RecordingAlertChannel Channel { get; }

        public AlertNotifier Notifier { get; }

        public AlertManager Manager { get; }

        public async Task CycleAsync(FakeTimeProvider clock, params Alert[] observations)
        {
            await Manager.RefreshFromStoreAsync(CancellationToken.None);
            await Manager.ProcessAsync([.. observations.Select(o => o with { Timestamp = clock.GetUtcNow() })], CancellationToken.None);
            (await Notifier.WhenIdleAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue();
        }
    }

    [Fact]
    public async Task RuleUpdatedAndDeletedThroughTheFollower_AppliesOnTheLeaderAtItsNextRefresh_AndTheDeletedRulesAlertIsNotRaisedAgain()
    {
        var clock = new FakeTimeProvider(AlertHarness.Start);
        var (alerts, rules) = (new InMemoryAlertStore(), new InMemoryAlertRuleStore());
        var leader = new Replica(alerts, rules, clock);
        var follower = new Replica(alerts, rules, clock);
        await leader.Manager.AddRuleAsync(new AlertRule { Name = "r", Metric = WindowMetricNames.ErrorRate, Value = 0.1 }, "ana");
        await leader.CycleAsync(clock, AlertHarness.Holds("r"));
        leader.Channel.Alerts.ShouldHaveSingleItem();

        await follower.Manager.UpdateRuleAsync(new AlertRule { Name = "r", Metric = WindowMetricNames.ErrorRate, Value = 0.3 }, "bo");
        await leader.CycleAsync(clock);
        leader.Manager.Rules.Effective.ShouldHaveSingleItem().Value.ShouldBe(0.3);
        leader.Manager.Rules.Runtime("r").ShouldNotBeNull().UpdatedBy.ShouldBe("bo");

        (await follower.Manager.DeleteRuleAsync("r", "bo")).ShouldBeTrue();
        clock.Advance(TimeSpan.FromMinutes(10)); // past the repeat interval of an alert the leader would still hold
        await leader.CycleAsync(clock, AlertHarness.Holds("r"));

        leader.Manager.Rules.Effective.ShouldBeEmpty();
        leader.Channel.Alerts.ShouldHaveSingleItem();
        (await leader.Manager.GetActiveAlertsAsync()).ShouldBeEmpty();
        (await leader.Manager.GetRulesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task RefreshWithNothingChangedElsewhere_KeepsAConditionWaitingForItsRule()
    {
        var clock = new FakeTimeProvider(AlertHarness.Start);
        var leader = new Replica(new InMemoryAlertStore(), new InMemoryAlertRuleStore(), clock);
        await leader.Manager.AddRuleAsync(new AlertRule { Name = "r", Metric = WindowMetricNames.ErrorRate, Value = 0.1, For = TimeSpan.FromMinutes(2) }, "ana");
        await leader.CycleAsync(clock, AlertHarness.Holds("r"));

        clock.Advance(TimeSpan.FromMinutes(2));
        await leader.CycleAsync(clock);

        leader.Channel.Alerts.ShouldHaveSingleItem().Name.ShouldBe("r");
    }
}
