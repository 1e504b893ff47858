using Microsoft.Extensions.DependencyInjection;
using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;
using ModelMonitoring.Fleet;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;
using ModelMonitoring.Tests.DriftMonitoring;

namespace ModelMonitoring.Tests.Fleet;

/// <summary>The worker consults the lease every cycle: a follower records and stores, and leaves rules, drift, escalation and notifications to the leader.</summary>
public sealed class LeadershipTests
{
    [Fact]
    public async Task WithoutALease_ThePipelineLeads_AndRaisesAlertsAsAlways()
    {
        await using var test = CreateWithThreshold(lease: null);

        RecordWindow(test, errors: 5);
        await CloseWindowAsync(test);

        test.Pipeline.GetStatistics().IsLeader.ShouldBeTrue();
        test.Channel.Alerts.ShouldHaveSingleItem().State.ShouldBe(AlertState.Firing);
        test.Logs.Lines.ShouldNotContain(l => l.Contains("[180]", StringComparison.Ordinal) || l.Contains("[181]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Follower_StoresItsRecords_ButRaisesNoAlert_AndWhenItTakesOverItsNextWindowIsJudged()
    {
        var lease = new FakeLease { Leading = false };
        await using var test = CreateWithThreshold(lease);

        RecordWindow(test, errors: 5);
        await CloseWindowAsync(test);

        var statistics = test.Pipeline.GetStatistics();
        statistics.IsLeader.ShouldBeFalse();
        statistics.Stored.ShouldBe(10);
        test.Sink.Predictions.Count.ShouldBe(10);
        test.Sink.Metrics.ShouldContain(m => m.Name == WindowMetricNames.ErrorRate); // window metrics are still written
        test.Channel.Alerts.ShouldBeEmpty();
        (await test.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldBeEmpty();
        test.Logs.Lines.Count(l => l.Contains("[181]", StringComparison.Ordinal)).ShouldBe(1); // logged once, not every cycle

        lease.Leading = true;
        RecordWindow(test, errors: 5);
        await CloseWindowAsync(test);

        test.Pipeline.GetStatistics().IsLeader.ShouldBeTrue();
        test.Channel.Alerts.ShouldHaveSingleItem().State.ShouldBe(AlertState.Firing);
        test.Logs.Lines.Count(l => l.Contains("[180]", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task Follower_RunsNoDriftCheck_ButStoresItsPredictions()
    {
        var scenario = new DriftScenario();
        var lease = new FakeLease { Leading = false };
        await using var test = DriftScenario.Create(d => d.Reference = scenario.Reference(2_000), b => b.Services.AddSingleton<IMonitoringLease>(lease));
        var monitor = test.Pipeline.GetMonitor("m");

        scenario.Record(monitor, 200, shift: 3);
        await DriftScenario.NextCheckAsync(test);

        test.Pipeline.DriftMonitoring.GetStatus("m").CheckCount.ShouldBe(0);
        test.Sink.DriftChecks.ShouldBeEmpty();
        test.Channel.Alerts.ShouldBeEmpty();
        test.Sink.Predictions.Count.ShouldBe(200);
        test.Pipeline.GetStatistics().Stored.ShouldBe(200);

        lease.Leading = true;
        scenario.Record(monitor, 1, shift: 3);
        await DriftScenario.NextCheckAsync(test);

        test.Pipeline.DriftMonitoring.GetStatus("m").CheckCount.ShouldBe(1);
        DriftScenario.DriftAlerts(test).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task FailingLease_CountsAsFollower_AndIsLoggedOnce()
    {
        var lease = new FakeLease { Fail = true };
        await using var test = CreateWithThreshold(lease);

        RecordWindow(test, errors: 5);
        await CloseWindowAsync(test);
        await CloseWindowAsync(test);

        test.Pipeline.GetStatistics().IsLeader.ShouldBeFalse();
        test.Channel.Alerts.ShouldBeEmpty();
        test.Pipeline.GetStatistics().Stored.ShouldBe(10);
        test.Logs.Lines.Count(l => l.Contains("[182]", StringComparison.Ordinal)).ShouldBe(1);
    }

    private static TestPipeline CreateWithThreshold(IMonitoringLease? lease) => TestPipeline.Create(
        o =>
        {
            o.ReplicaName = "replica-1";
            o.AddModel("fraud", m => m.NumericFeatures("x").Threshold(WindowMetricNames.ErrorRate, t => t.Max = 0.1));
            o.Alerting.Routes[AlertSeverity.Warning] = ["recording"];
        },
        b =>
        {
            if (lease is not null)
            {
                b.Services.AddSingleton(lease);
            }
        });

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

    private sealed class FakeLease : IMonitoringLease
    {
        public volatile bool Leading;
        public volatile bool Fail;

        public Task<bool> TryAcquireAsync(CancellationToken cancellationToken = default) =>
            Fail ? Task.FromException<bool>(new InvalidOperationException("lease store down")) : Task.FromResult(Leading);

        public Task ReleaseAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
