using ModelMonitoring.Alerting;
using static ModelMonitoring.Tests.DriftMonitoring.DriftScenario;

namespace ModelMonitoring.Tests.DriftMonitoring;

public sealed class UnchangedWindowTests
{
    [Fact]
    public async Task DueCheck_OnAWindowWithoutNewRows_IsSkipped_NotStoredOrReportedAgain_UntilRowsArrive()
    {
        // Arrange: a drifted window, checked once.
        var scenario = new DriftScenario();
        await using var test = Create(d => d.Reference = scenario.Reference(2_000));
        var monitor = test.Pipeline.GetMonitor("m");
        scenario.Record(monitor, 300, shift: 3);
        await NextCheckAsync(test);

        // Act: no traffic for three intervals, then one more row.
        for (var i = 0; i < 3; i++)
        {
            await NextCheckAsync(test);
        }

        var quiet = test.Pipeline.DriftMonitoring.GetStatus("m");
        scenario.Record(monitor, 1, shift: 3);
        await NextCheckAsync(test);

        // Assert
        quiet.CheckCount.ShouldBe(1);
        quiet.UnchangedCheckSkipCount.ShouldBe(3);
        quiet.LastCheck.ShouldBe(Start + Interval);
        test.Sink.DriftChecks.Select(c => c.Timestamp).ShouldBe([Start + Interval, Start + (5 * Interval)]);
        DriftAlerts(test, "drift.dataset").ShouldHaveSingleItem().State.ShouldBe(AlertState.Firing);
    }

    [Fact]
    public async Task UnchangedWindow_IsCheckedAgain_AgainstANewReference()
    {
        var scenario = new DriftScenario();
        await using var test = Create(d => d.Reference = scenario.Reference(2_000));
        var monitor = test.Pipeline.GetMonitor("m");
        scenario.Record(monitor, 300, shift: 3);
        await NextCheckAsync(test);

        await test.Pipeline.DriftMonitoring.SetReferenceAsync("m", scenario.Reference(2_000, shift: 3));
        await NextCheckAsync(test);

        test.Sink.DriftChecks.Select(c => c.DatasetDrifted).ShouldBe([true, false]);
        DriftAlerts(test, "drift.dataset").Select(a => a.State).ShouldBe([AlertState.Firing, AlertState.Resolved]);
    }
}
