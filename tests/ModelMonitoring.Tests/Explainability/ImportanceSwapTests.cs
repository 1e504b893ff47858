using ModelMonitoring.Alerting;
using ModelMonitoring.Drift;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;
using ModelMonitoring.Tests.Drift;

namespace ModelMonitoring.Tests.Explainability;

/// <summary>
/// A model update that swaps the two most important features while the inputs stay the same: the data drift check finds
/// nothing, while importance drift (between versions and between windows) and attribution drift fire.
/// </summary>
public sealed class ImportanceSwapTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private static readonly double[] Version1 = [3.0, 1.0, 0.5];
    private static readonly double[] Version2 = [1.0, 3.0, 0.5];

    [Fact]
    public async Task SwappedTopTwoFeatures_SameInputs_NoDataDrift_ImportanceAndAttributionDriftFire()
    {
        var inputs = Inputs(new Random(20261205));
        await using var test = Create(inputs);
        var monitor = test.Pipeline.GetMonitor("m");

        monitor.RecordFeatureImportance("1", new Dictionary<string, double> { ["x"] = 3.0, ["y"] = 1.0, ["z"] = 0.5 }).ShouldBeTrue();
        Record(monitor, inputs, Version1);
        await NextAsync(test);
        monitor.RecordFeatureImportance("2", Version2).ShouldBeTrue();
        Record(monitor, inputs, Version2);
        await NextAsync(test);

        test.Sink.DriftChecks.Count.ShouldBe(2);
        test.Sink.DriftChecks.ShouldAllBe(c => !c.DatasetDrifted && c.Features.All(f => !f.Drifted));
        test.Channel.Alerts.ShouldNotContain(a => a.Name.StartsWith("drift.", StringComparison.Ordinal));

        Fired(test, "importance.versions.top_k").Message.ShouldContain("x, y, z -> y, x, z");
        Fired(test, "importance.versions.rank_correlation").Value.ShouldBe(0.5);
        Fired(test, "importance.top_k").Timestamp.ShouldBe(Start + (2 * Interval));
        Fired(test, "importance.rank_correlation").Value.ShouldNotBeNull().ShouldBe(0.5, 1e-12);
        Fired(test, "attribution.x");
        Fired(test, "attribution.y");
        test.Channel.Alerts.ShouldNotContain(a => a.Name == "attribution.z" && a.State == AlertState.Firing);
        test.Channel.Alerts.ShouldNotContain(a => a.Name == "attribution.complexity" && a.State == AlertState.Firing);

        var metrics = test.Sink.Metrics;
        metrics.Single(m => m.Name == "importance.versions.spearman").Value.ShouldBe(0.5, 1e-12);
        metrics.Single(m => m.Name == "importance.versions.x.rank_change").Value.ShouldBe(-1);
        metrics.Single(m => m.Name == "importance.spearman").Metadata!["reference"].ShouldBe("2026-03-01T10:00:00.0000000+00:00");
        var windowX = metrics.Where(m => m.Name == "importance.window.x").Select(m => m.Value).ToList();
        windowX.Count.ShouldBe(2);
        windowX[0].ShouldBe(3 * MeanAbsNormal, 0.25);
        windowX[1].ShouldBe(1 * MeanAbsNormal, 0.1);
    }

    [Fact]
    public async Task SwappedBack_WindowAlertsResolveAtTheNextWindow()
    {
        var inputs = Inputs(new Random(20261207));
        await using var test = Create(inputs);
        var monitor = test.Pipeline.GetMonitor("m");

        Record(monitor, inputs, Version1);
        await NextAsync(test);
        Record(monitor, inputs, Version2);
        await NextAsync(test);
        Record(monitor, inputs, Version1);
        await NextAsync(test);

        foreach (var name in new[] { "importance.top_k", "importance.rank_correlation", "attribution.x", "attribution.y" })
        {
            test.Channel.Alerts.Where(a => a.Name == name).Select(a => (a.State, a.Timestamp))
                .ShouldBe([(AlertState.Firing, Start + (2 * Interval)), (AlertState.Resolved, Start + (3 * Interval))], name);
        }
    }

    [Fact]
    public async Task SameModel_SameInputs_NothingFires()
    {
        var inputs = Inputs(new Random(20261206));
        await using var test = Create(inputs);
        var monitor = test.Pipeline.GetMonitor("m");

        monitor.RecordFeatureImportance("1", Version1).ShouldBeTrue();
        Record(monitor, inputs, Version1);
        await NextAsync(test);
        monitor.RecordFeatureImportance("1.1", [3.1, 0.9, 0.5]).ShouldBeTrue();
        Record(monitor, inputs, Version1);
        await NextAsync(test);

        test.Channel.Alerts.Where(a => a.State == AlertState.Firing).Select(a => a.Name + ": " + a.Message).ShouldBeEmpty();
        test.Sink.Metrics.Single(m => m.Name == "importance.spearman").Value.ShouldBe(1.0);
        test.Sink.Metrics.Count(m => m.Name == "attribution.x.p_value").ShouldBe(1);
    }

    private static readonly double MeanAbsNormal = Math.Sqrt(2 / Math.PI);

    /// <summary>600 rows of three standard normal inputs, recorded in every window and used as the drift reference: the inputs stay the same.</summary>
    private static double[][] Inputs(Random random) => [.. Enumerable.Range(0, 600).Select(_ => DriftData.Normal(random, 3))];

    private static TestPipeline Create(double[][] inputs) => TestPipeline.Create(
        o =>
        {
            o.FlushInterval = TimeSpan.FromSeconds(1);
            o.TimestampResolution = TimeSpan.FromSeconds(1);
            o.AddModel("m", m => m.Version("2").NumericFeatures("x", "y", "z")
                .Drift(d =>
                {
                    d.WindowSize = 600;
                    d.CheckInterval = Interval;
                    d.Reference = ReferenceProfile.Create(new Dictionary<string, double[]>
                    {
                        ["x"] = [.. inputs.Select(r => r[0])], ["y"] = [.. inputs.Select(r => r[1])], ["z"] = [.. inputs.Select(r => r[2])],
                    });
                })
                .Explainability(e =>
                {
                    e.CheckInterval = Interval;
                    e.MinimumAttributions = 200;
                }));
        },
        clock: new FakeTimeProvider(Start));

    /// <summary>Records the inputs with the attributions of a linear model with weights <paramref name="weights"/> (inputs have mean 0).</summary>
    private static void Record(IModelMonitor monitor, double[][] inputs, double[] weights)
    {
        foreach (var x in inputs)
        {
            var id = monitor.RecordPrediction(new Prediction
            {
                NumericFeatures = x,
                Attributions = [weights[0] * x[0], weights[1] * x[1], weights[2] * x[2]],
                AttributionBaseValue = 0,
            });
            id.IsEmpty.ShouldBeFalse();
        }
    }

    private static async Task NextAsync(TestPipeline test)
    {
        test.Clock.Advance(Interval);
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
    }

    private static Alert Fired(TestPipeline test, string name) =>
        test.Channel.Alerts.Where(a => a.Name == name && a.State == AlertState.Firing).ShouldHaveSingleItem(name);
}
