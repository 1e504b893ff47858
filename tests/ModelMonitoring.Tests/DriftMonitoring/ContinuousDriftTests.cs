using ModelMonitoring.Alerting;
using ModelMonitoring.Drift;
using static ModelMonitoring.Tests.DriftMonitoring.DriftScenario;

namespace ModelMonitoring.Tests.DriftMonitoring;

public sealed class ContinuousDriftTests
{
    [Fact]
    public async Task SameDistribution_IsCheckedEveryIntervalWithoutDriftOrAlerts()
    {
        var scenario = new DriftScenario();
        await using var test = Create(d => d.Reference = scenario.Reference(5_000));
        var monitor = test.Pipeline.GetMonitor("m");

        for (var check = 0; check < 3; check++)
        {
            scenario.Record(monitor, 500);
            await NextCheckAsync(test);
        }

        var checks = test.Sink.DriftChecks;
        checks.Count.ShouldBe(3);
        checks.ShouldAllBe(c => !c.DatasetDrifted && c.Features.All(f => !f.Drifted));
        checks.Select(c => c.Timestamp).ShouldBe([Start + Interval, Start + (2 * Interval), Start + (3 * Interval)]);
        checks[0].Features.Select(f => (f.Feature, f.Method)).ShouldBe([("x", DriftMethods.Wasserstein), ("y", DriftMethods.Wasserstein), ("c", DriftMethods.JensenShannon)]);
        checks[0].Model.ShouldBe("m");
        checks[0].Detector.ShouldBe(nameof(DatasetDriftDetector));
        checks[0].RowCount.ShouldBe(500);
        checks[0].ReferenceRowCount.ShouldBe(5_000);
        DriftAlerts(test).ShouldBeEmpty();
    }

    [Fact]
    public async Task MeanShiftMidway_FiresOneCriticalDatasetAlert_ThatResolvesWhenDataIsNormalAgain()
    {
        var scenario = new DriftScenario();
        await using var test = Create(d => d.Reference = scenario.Reference(5_000));
        var monitor = test.Pipeline.GetMonitor("m");

        scenario.Record(monitor, 500);
        await NextCheckAsync(test);
        scenario.Record(monitor, 500, shift: 1.0);
        await NextCheckAsync(test);
        scenario.Record(monitor, 500, shift: 1.0);
        await NextCheckAsync(test);
        scenario.Record(monitor, 500);
        await NextCheckAsync(test);

        test.Sink.DriftChecks.Select(c => c.DatasetDrifted).ShouldBe([false, true, true, false]);
        var dataset = DriftAlerts(test, "drift.dataset");
        dataset.Select(a => a.State).ShouldBe([AlertState.Firing, AlertState.Resolved]);
        dataset.Select(a => a.Timestamp).ShouldBe([Start + (2 * Interval), Start + (4 * Interval)]);
        var fired = dataset[0];
        fired.Severity.ShouldBe(AlertSeverity.Critical);
        fired.Model.ShouldBe("m");
        fired.Version.ShouldBe("2");
        fired.Environment.ShouldBe("test");
        fired.Metric.ShouldBe("drift.dataset");
        fired.Value!.Value.ShouldBe(2 / 3.0, 1e-12);
        fired.Threshold.ShouldBe(0.5);
        fired.Message.ShouldStartWith("m: dataset drift, 2 of 3 features drifted");
        fired.Message.ShouldContain("recommendation Critical");
        fired.Message.ShouldContain("x wasserstein");
        fired.Message.ShouldContain("y wasserstein");
        dataset[1].Severity.ShouldBe(AlertSeverity.Critical);

        var x = DriftAlerts(test, "drift.x");
        x.Select(a => a.State).ShouldBe([AlertState.Firing, AlertState.Resolved]);
        x[0].Severity.ShouldBe(AlertSeverity.Critical);
        x[0].Metric.ShouldBe("drift.x");
        x[0].Value.ShouldBe(test.Sink.DriftChecks[1].Features[0].Statistic);
        x[0].Value!.Value.ShouldBeGreaterThan(0.2);
        x[0].Threshold.ShouldBe(0.1);
        DriftAlerts(test, "drift.c").ShouldBeEmpty();
        var stored = await test.Pipeline.Alerts.GetAlertHistoryAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        stored.Select(a => a.Name).ShouldBe(DriftAlerts(test).Where(a => a.State == AlertState.Firing).Select(a => a.Name), ignoreOrder: true);
        foreach (var alert in stored)
        {
            alert.State.ShouldBe(DriftAlerts(test, alert.Name)[^1].State); // the store holds each alert's latest state
        }

        stored.Single(a => a.Name == "drift.dataset").State.ShouldBe(AlertState.Resolved);
    }

    [Fact]
    public async Task SmallShiftOfOneFeature_FiresWarnings()
    {
        var scenario = new DriftScenario();
        await using var test = Create(d =>
        {
            d.Reference = scenario.Reference(5_000);
            d.DetectorOptions = new DatasetDriftOptions { DriftShare = 0.3 };
        });
        var monitor = test.Pipeline.GetMonitor("m");

        scenario.Record(monitor, 500, shift: 0.15, shiftYToo: false);
        await NextCheckAsync(test);

        var check = test.Sink.DriftChecks.ShouldHaveSingleItem();
        var x = check.Features[0];
        x.Statistic.ShouldBeInRange(0.1, 0.2);
        check.Recommendation.ShouldBe(DriftSeverity.Warning);
        DriftAlerts(test).Select(a => (a.Name, a.Severity)).ShouldBe([("drift.dataset", AlertSeverity.Warning), ("drift.x", AlertSeverity.Warning)]);
    }

    [Fact]
    public async Task SmallReference_UsesTests_AndAlertsCriticalWhenPIsBelowOnePercent()
    {
        var scenario = new DriftScenario();
        await using var test = Create(d => d.Reference = scenario.Reference(1_000));
        var monitor = test.Pipeline.GetMonitor("m");

        scenario.Record(monitor, 500, shift: 0.5);
        await NextCheckAsync(test);

        var x = test.Sink.DriftChecks.ShouldHaveSingleItem().Features[0];
        x.Method.ShouldBe(DriftMethods.KolmogorovSmirnov);
        x.PValue!.Value.ShouldBeLessThan(0.01);
        var alert = DriftAlerts(test, "drift.x").ShouldHaveSingleItem();
        alert.Severity.ShouldBe(AlertSeverity.Critical);
        alert.Message.ShouldContain("x ks statistic");
        alert.Message.ShouldContain("p = ");
    }

    [Fact]
    public async Task Checks_RunOncePerInterval_OnlyWithEnoughRows()
    {
        var scenario = new DriftScenario();
        await using var test = Create(d => d.Reference = scenario.Reference(2_000));
        var monitor = test.Pipeline.GetMonitor("m");
        var drift = test.Pipeline.DriftMonitoring;

        scenario.Record(monitor, 99);
        await NextCheckAsync(test);
        drift.GetStatus("m").CheckCount.ShouldBe(0);

        scenario.Record(monitor, 1);
        test.Clock.Advance(Interval / 2);
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        drift.GetStatus("m").CheckCount.ShouldBe(0);

        test.Clock.Advance(Interval / 2);
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        for (var i = 0; i < 3; i++)
        {
            scenario.Record(monitor, 1);
            await NextCheckAsync(test);
            (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        }

        var status = drift.GetStatus("m");
        status.CheckCount.ShouldBe(4);
        status.FailedCheckCount.ShouldBe(0);
        status.LastCheck.ShouldBe(Start + (5 * Interval));
        test.Sink.DriftChecks.Select(c => c.Timestamp).ShouldBe([.. Enumerable.Range(2, 4).Select(i => Start + (i * Interval))]);
    }

    [Fact]
    public async Task Window_HoldsOnlyTheLatestRows()
    {
        var scenario = new DriftScenario();
        await using var test = Create(d => { d.Reference = scenario.Reference(2_000); d.WindowSize = 100; d.MinimumRows = 50; });
        var monitor = test.Pipeline.GetMonitor("m");
        var normalFrom = Start.AddSeconds(10);

        scenario.Record(monitor, 150, shift: 5, timestamp: Start);
        scenario.Record(monitor, 100, timestamp: normalFrom);
        await NextCheckAsync(test);

        var check = test.Sink.DriftChecks.ShouldHaveSingleItem();
        check.RowCount.ShouldBe(100);
        check.WindowStart.ShouldBe(normalFrom);
        check.WindowEnd.ShouldBe(normalFrom.AddMilliseconds(99));
        check.Features[0].Statistic.ShouldBeLessThan(0.5, "the shifted rows (distance about 5) fell out of the window");
        test.Pipeline.DriftMonitoring.GetStatus("m").WindowRows.ShouldBe(100);
        test.Pipeline.DriftMonitoring.GetStatus("m").WindowSize.ShouldBe(100);
    }

    [Fact]
    public async Task ThrowingDetector_IsLoggedAndCounted_WhileTheBuiltInOneAndTheWorkerCarryOn()
    {
        var scenario = new DriftScenario();
        await using var test = Create(d => d.Reference = scenario.Reference(2_000), b => b.AddDriftDetector(new ThrowingDetector()));
        var monitor = test.Pipeline.GetMonitor("m");

        scenario.Record(monitor, 200);
        await NextCheckAsync(test);
        scenario.Record(monitor, 200, shift: 3);
        await NextCheckAsync(test);

        var status = test.Pipeline.DriftMonitoring.GetStatus("m");
        status.FailedCheckCount.ShouldBe(2);
        status.CheckCount.ShouldBe(2);
        test.Sink.DriftChecks.Select(c => c.Detector).ShouldBe([nameof(DatasetDriftDetector), nameof(DatasetDriftDetector)]);
        // The same failure at every check is logged once (then at most once an hour), and counted each time.
        test.Logs.Lines.Count(l => l.Contains("[40] The Drift stage (ThrowingDetector) failed for model m", StringComparison.Ordinal)
            && l.Contains("detector broke", StringComparison.Ordinal)).ShouldBe(1);
        test.Pipeline.GetStatistics().GetStageFailures(ModelMonitoring.Recording.MonitoringStage.Drift).ShouldBe(2);
        DriftAlerts(test, "drift.dataset").ShouldHaveSingleItem().State.ShouldBe(AlertState.Firing);
        test.Sink.Predictions.Count.ShouldBe(400);
        test.Pipeline.GetStatistics().Dropped.ShouldBe(0);
    }

    [Fact]
    public async Task ExtraDetector_ResultsAreStoredUnderItsName_AndItsDriftAlsoRaisesAlerts()
    {
        var scenario = new DriftScenario();
        await using var test = Create(d => d.Reference = scenario.Reference(2_000), b => b.AddDriftDetector<CategoryCDetector>());
        var monitor = test.Pipeline.GetMonitor("m");

        scenario.Record(monitor, 200);
        await NextCheckAsync(test);

        test.Sink.DriftChecks.Select(c => c.Detector).ShouldBe([nameof(DatasetDriftDetector), nameof(CategoryCDetector)]);
        test.Sink.DriftChecks[0].DatasetDrifted.ShouldBeFalse();
        DriftAlerts(test).Select(a => (a.Name, a.State, a.Severity)).ShouldBe(
            [("drift.dataset", AlertState.Firing, AlertSeverity.Critical), ("drift.c", AlertState.Firing, AlertSeverity.Critical)]);
    }

    private sealed class ThrowingDetector : IDriftDetector
    {
        public DatasetDriftResult Detect(ReferenceProfile reference, IReadOnlyDictionary<string, double[]> numericColumns, IReadOnlyDictionary<string, string[]>? categoricalColumns = null) =>
            throw new InvalidOperationException("detector broke");
    }

    /// <summary>Always reports feature c drifted by a chi-square test with p = 0.001, and the dataset drifted.</summary>
    private sealed class CategoryCDetector : IDriftDetector
    {
        public DatasetDriftResult Detect(ReferenceProfile reference, IReadOnlyDictionary<string, double[]> numericColumns, IReadOnlyDictionary<string, string[]>? categoricalColumns = null) =>
            new([new FeatureDriftResult("c", FeatureKind.Categorical, DriftMethods.ChiSquare, 42, 0.001, 0.05, true, 1)], 0.5);
    }
}
