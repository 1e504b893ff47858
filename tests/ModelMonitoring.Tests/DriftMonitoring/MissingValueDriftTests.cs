using ModelMonitoring.Drift;
using ModelMonitoring.DriftMonitoring;
using ModelMonitoring.Recording;
using ModelMonitoring.Tests.Drift;
using static ModelMonitoring.Tests.DriftMonitoring.DriftScenario;

namespace ModelMonitoring.Tests.DriftMonitoring;

/// <summary>Missing values in the drift pipeline: a learned reference leaves them out, and the multivariate check reads complete rows only.</summary>
public sealed class MissingValueDriftTests
{
    private readonly Random _random = new(20261206);

    [Fact]
    public async Task LearnedReference_LeavesMissingValuesOut_AndAFeatureWithoutAnyValueOut()
    {
        await using var test = Create(d => { d.ReferenceFromFirst = 400; d.PredictionDrift = true; });

        Record(test.Pipeline.GetMonitor("m"), 400, missingEvery: 4, yAlwaysMissing: true);
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        var reference = test.Pipeline.DriftMonitoring.GetStatus("m").Reference.ShouldNotBeNull();
        reference.RowCount.ShouldBe(400);
        reference.NumericFeatures.Select(f => (f.Name, f.Count)).ShouldBe([("x", 300)]); // y never had a value; no confidence recorded: no prediction.score
        reference.NumericFeatures.ShouldAllBe(f => double.IsFinite(f.Mean));
        reference.CategoricalFeatures.Single(f => f.Name == "c").Count.ShouldBe(300);
        reference.CategoricalFeatures.Select(f => f.Name).ShouldNotContain(PredictionDriftFeatures.Class);
    }

    [Fact]
    public async Task MultivariateCheck_WithMissingValuesInTheReferenceAndTheWindow_UsesCompleteRows()
    {
        await using var test = Create(d => { d.ReferenceFromFirst = 400; d.Multivariate = new MultivariateDriftOptions(); });
        var monitor = test.Pipeline.GetMonitor("m");
        Record(monitor, 400, missingEvery: 5, yAlwaysMissing: false);
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        Record(monitor, 300, missingEvery: 3, yAlwaysMissing: false);
        await NextCheckAsync(test);

        var status = test.Pipeline.DriftMonitoring.GetStatus("m");
        status.FailedCheckCount.ShouldBe(0);
        test.Sink.DriftChecks.Select(c => (c.Detector, c.DatasetDrifted)).ShouldBe([(nameof(DatasetDriftDetector), false), (nameof(MultivariateDriftDetector), false)]);
        // The window holds the last 500 rows: the 300 new ones (100 missing x) and the reference's last 200 (40 missing x).
        test.Sink.DriftChecks[0].Features.Single(f => f.Feature == "x").MissingCount.ShouldBe(140);
    }

    private void Record(IModelMonitor monitor, int count, int missingEvery, bool yAlwaysMissing)
    {
        var labels = new[] { "a", "b", "c" };
        for (var i = 0; i < count; i++)
        {
            var x = DriftData.Normal(_random, 2);
            monitor.RecordPrediction(new Prediction
            {
                NumericFeatures = [i % missingEvery == 0 ? double.NaN : x[0], yAlwaysMissing ? double.NaN : x[1]],
                CategoricalFeatures = [i % missingEvery == 0 ? null : labels[_random.Next(3)]],
            }).IsEmpty.ShouldBeFalse();
        }
    }
}
