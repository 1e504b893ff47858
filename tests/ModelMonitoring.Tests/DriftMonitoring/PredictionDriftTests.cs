using System.Text;
using ModelMonitoring.Alerting;
using ModelMonitoring.Drift;
using ModelMonitoring.DriftMonitoring;
using ModelMonitoring.Recording;
using ModelMonitoring.Tests.Drift;
using static ModelMonitoring.Tests.DriftMonitoring.DriftScenario;

namespace ModelMonitoring.Tests.DriftMonitoring;

/// <summary>
/// Prediction drift: the model's score and class mix checked against the reference in the continuous checks, while the
/// features stay the same; and missing feature values left out of the checks and counted.
/// </summary>
public sealed class PredictionDriftTests
{
    private readonly Random _random = new(20261205);

    [Fact]
    public async Task ScoreAndClassMixShift_WithUnchangedFeatures_FirePredictionDriftAlerts_AndNoDatasetDrift()
    {
        await using var test = Create(d => { d.ReferenceFromFirst = 1_000; d.PredictionDrift = true; });
        var monitor = test.Pipeline.GetMonitor("m");
        Record(monitor, 1_000, lowScore: 0.1, positiveShare: 0.5);
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        var reference = test.Pipeline.DriftMonitoring.GetStatus("m").Reference.ShouldNotBeNull();
        reference.NumericFeatures.Select(f => f.Name).ShouldBe(["x", "y", PredictionDriftFeatures.Score]); // a classifier has no predicted value
        reference.CategoricalFeatures.Select(f => f.Name).ShouldBe(["c", PredictionDriftFeatures.Class]);

        Record(monitor, 500, lowScore: 0.45, positiveShare: 0.85);
        await NextCheckAsync(test);

        var features = test.Sink.DriftChecks.Single(c => c.Detector == nameof(DatasetDriftDetector));
        features.DatasetDrifted.ShouldBeFalse();
        features.Features.Select(f => f.Feature).ShouldBe(["x", "y", "c"]);
        var outputs = test.Sink.DriftChecks.Single(c => c.Detector == "PredictionDriftDetector");
        outputs.Features.Select(f => (f.Feature, f.Drifted)).ShouldBe([(PredictionDriftFeatures.Score, true), (PredictionDriftFeatures.Class, true)]);
        DriftAlerts(test).Where(a => a.State == AlertState.Firing).Select(a => a.Name).Order(StringComparer.Ordinal)
            .ShouldBe(["drift.prediction.class", "drift.prediction.score"]);
    }

    [Fact]
    public async Task UnchangedScoresAndClasses_AreCheckedWithoutPredictionDrift()
    {
        await using var test = Create(d => { d.ReferenceFromFirst = 1_000; d.PredictionDrift = true; });
        var monitor = test.Pipeline.GetMonitor("m");
        Record(monitor, 1_000, lowScore: 0.1, positiveShare: 0.5);
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        Record(monitor, 500, lowScore: 0.1, positiveShare: 0.5);
        await NextCheckAsync(test);

        var outputs = test.Sink.DriftChecks.Single(c => c.Detector == "PredictionDriftDetector");
        outputs.Features.Select(f => f.Feature).ShouldBe([PredictionDriftFeatures.Score, PredictionDriftFeatures.Class]);
        outputs.Features.ShouldAllBe(f => !f.Drifted);
        DriftAlerts(test).ShouldAllBe(a => a.State == AlertState.Resolved);
    }

    [Fact]
    public async Task PredictionDriftOff_OutputsAreNeitherLearnedNorChecked()
    {
        await using var test = Create(d => d.ReferenceFromFirst = 1_000);
        var monitor = test.Pipeline.GetMonitor("m");
        Record(monitor, 1_000, lowScore: 0.1, positiveShare: 0.5);
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        Record(monitor, 500, lowScore: 0.45, positiveShare: 0.85);
        await NextCheckAsync(test);

        test.Pipeline.DriftMonitoring.GetStatus("m").Reference.ShouldNotBeNull().NumericFeatures.Select(f => f.Name).ShouldBe(["x", "y"]);
        test.Sink.DriftChecks.ShouldHaveSingleItem().Detector.ShouldBe(nameof(DatasetDriftDetector));
        DriftAlerts(test).ShouldAllBe(a => !a.Name.StartsWith("drift.prediction.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CsvReferenceWithOutputColumns_ChecksTheScoreOfTheWindow()
    {
        var csv = new StringBuilder("x,y,c,confidence,label\n");
        for (var i = 0; i < 2_000; i++)
        {
            var x = DriftData.Normal(_random, 2);
            csv.Append(FormattableString.Invariant($"{x[0]},{x[1]},{"abc"[i % 3]},{0.1 + (0.4 * _random.NextDouble())},{(i % 2 == 0 ? "yes" : "no")}\n"));
        }

        var reference = ReferenceProfile.FromCsv(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), "reference.csv", new ReferenceCsvOptions { ScoreColumn = "confidence", ClassColumn = "label" });
        reference.NumericFeatures.Select(f => f.Name).ShouldBe(["x", "y", PredictionDriftFeatures.Score]);
        reference.CategoricalFeatures.Select(f => f.Name).ShouldBe(["c", PredictionDriftFeatures.Class]);
        await using var test = Create(d => { d.Reference = reference; d.PredictionDrift = true; });

        Record(test.Pipeline.GetMonitor("m"), 500, lowScore: 0.5, positiveShare: 0.5);
        await NextCheckAsync(test);

        var outputs = test.Sink.DriftChecks.Single(c => c.Detector == "PredictionDriftDetector");
        outputs.Features.Single(f => f.Feature == PredictionDriftFeatures.Score).Drifted.ShouldBeTrue();
        test.Sink.DriftChecks.Single(c => c.Detector == nameof(DatasetDriftDetector)).DatasetDrifted.ShouldBeFalse();
        DriftAlerts(test, "drift.prediction.score").ShouldHaveSingleItem().State.ShouldBe(AlertState.Firing);
    }

    [Fact]
    public void CsvOutputColumnMissingFromTheHeader_IsAnErrorNamingIt()
    {
        var error = Should.Throw<ArgumentException>(() => ReferenceProfile.FromCsv(new MemoryStream("x,y\n1,2\n3,4\n"u8.ToArray()), "ref.csv", new ReferenceCsvOptions { ScoreColumn = "score" }));

        error.Message.ShouldContain("ref.csv has no column 'score' (listed in ScoreColumn, ClassColumn or ValueColumn)");
    }

    [Fact]
    public async Task MissingFeatureValues_AreLeftOutOfTheCheckAndCounted()
    {
        var scenario = new DriftScenario();
        await using var test = Create(d => d.Reference = scenario.Reference(2_000));
        var monitor = test.Pipeline.GetMonitor("m");
        for (var i = 0; i < 500; i++)
        {
            var x = DriftData.Normal(_random, 2);
            monitor.RecordPrediction(new Prediction { NumericFeatures = [i % 5 == 0 ? double.NaN : x[0], x[1]], CategoricalFeatures = [i % 4 == 0 ? null : "abc"[i % 3].ToString()] });
        }

        await NextCheckAsync(test);

        var check = test.Sink.DriftChecks.ShouldHaveSingleItem();
        check.Features.Select(f => (f.Feature, f.MissingCount)).ShouldBe([("x", 100L), ("y", 0L), ("c", 125L)]);
        check.Features.Single(f => f.Feature == "x").Drifted.ShouldBeFalse();
        test.Pipeline.DriftMonitoring.GetStatus("m").CheckCount.ShouldBe(1);
        test.Pipeline.DriftMonitoring.GetStatus("m").FailedCheckCount.ShouldBe(0);
    }

    /// <summary>Predictions with unchanged features, a score uniform in [lowScore, lowScore + 0.4] and the class "yes" at the given share.</summary>
    private void Record(IModelMonitor monitor, int count, double lowScore, double positiveShare)
    {
        var labels = new[] { "a", "b", "c" };
        for (var i = 0; i < count; i++)
        {
            var x = DriftData.Normal(_random, 2);
            monitor.RecordPrediction(new Prediction
            {
                NumericFeatures = [x[0], x[1]],
                CategoricalFeatures = [labels[_random.Next(3)]],
                Confidence = lowScore + (0.4 * _random.NextDouble()),
                PredictedClass = _random.NextDouble() < positiveShare ? "yes" : "no",
            }).IsEmpty.ShouldBeFalse();
        }
    }
}
