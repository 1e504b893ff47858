using System.Text;
using ModelMonitoring.Alerting;
using ModelMonitoring.Drift;
using ModelMonitoring.DriftMonitoring;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;
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
    public async Task EachDeclaredClassesProbability_IsCheckedForDrift_AndOnlyTheShiftedOnesFire()
    {
        await using var test = TestPipeline.Create(
            o =>
            {
                o.FlushInterval = TimeSpan.FromSeconds(1);
                o.TimestampResolution = TimeSpan.FromSeconds(1);
                o.AddModel("m", m => m.NumericFeatures("x").Classes("cat", "dog", "bird").Drift(d =>
                {
                    d.WindowSize = 500;
                    d.MinimumRows = 100;
                    d.CheckInterval = Interval;
                    d.ReferenceFromFirst = 1_000;
                    d.PredictionDrift = true;
                }));
            },
            clock: new FakeTimeProvider(Start));
        var monitor = test.Pipeline.GetMonitor("m");

        // The reference: cat and dog each about 0.4, bird 0.2. Then dog's probability moves to bird; cat's stays.
        void Record(int count, double dogShare)
        {
            for (var i = 0; i < count; i++)
            {
                var cat = 0.3 + (0.2 * _random.NextDouble());
                var dog = (1 - cat) * dogShare * (0.8 + (0.2 * _random.NextDouble()));
                double[] p = [cat, dog, 1 - cat - dog];
                monitor.RecordPrediction(new Prediction { NumericFeatures = [DriftData.Normal(_random, 1)[0]], PredictedClass = "cat", Confidence = cat, ClassProbabilities = p }).IsEmpty.ShouldBeFalse();
            }
        }

        Record(1_000, dogShare: 0.7);
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        test.Pipeline.DriftMonitoring.GetStatus("m").Reference.ShouldNotBeNull().NumericFeatures.Select(f => f.Name)
            .ShouldBe(["x", PredictionDriftFeatures.Score, "prediction.probability.cat", "prediction.probability.dog", "prediction.probability.bird"]);

        Record(500, dogShare: 0.3);
        await NextCheckAsync(test);

        var outputs = test.Sink.DriftChecks.Single(c => c.Detector == "PredictionDriftDetector");
        outputs.Features.Where(f => f.Feature.StartsWith(PredictionDriftFeatures.ProbabilityPrefix, StringComparison.Ordinal)).Select(f => (f.Feature, f.Drifted))
            .ShouldBe([("prediction.probability.cat", false), ("prediction.probability.dog", true), ("prediction.probability.bird", true)]);
        DriftAlerts(test).Where(a => a.State == AlertState.Firing).Select(a => a.Name).Order(StringComparer.Ordinal)
            .ShouldBe(["drift.prediction.probability.bird", "drift.prediction.probability.dog"]);
        test.Sink.DriftChecks.Single(c => c.Detector == nameof(DatasetDriftDetector)).DatasetDrifted.ShouldBeFalse();
    }

    [Fact]
    public void AClassThatCannotNameItsProbabilitysDriftFeature_FailsAtStartUp_WithPredictionDrift()
    {
        var error = Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(() => MonitoringPipeline.Create(b => b.Configure(o =>
        {
            o.AddModel("m", m => m.NumericFeatures("x").Classes("big cat", "dog").Drift(d => { d.ReferenceFromFirst = 100; d.PredictionDrift = true; }));
            o.AddModel("off", m => m.NumericFeatures("x").Classes("big cat", "dog").Drift(d => d.ReferenceFromFirst = 100));
        }).AddSink(new RecordingSink())));

        error.Message.ShouldContain("ModelMonitoringOptions.Models['m'].Drift.PredictionDrift: the class 'big cat' cannot name the drift feature of its probability ('prediction.probability.big cat');");
        error.Message.ShouldNotContain("Models['off']");
    }

    [Fact]
    public async Task CsvReferenceWithProbabilityColumns_ChecksThemForTheDeclaredClasses_AndAnUndeclaredClassFailsAtStartUp()
    {
        var csv = new StringBuilder("x,prediction.probability.yes,prediction.probability.no\n");
        for (var i = 0; i < 1_000; i++)
        {
            var yes = 0.6 + (0.3 * _random.NextDouble());
            csv.Append(FormattableString.Invariant($"{DriftData.Normal(_random, 1)[0]},{yes},{1 - yes}\n"));
        }

        var reference = ReferenceProfile.FromCsv(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), "reference.csv");
        var error = Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(() => MonitoringPipeline.Create(b => b.Configure(o =>
            o.AddModel("m", m => m.NumericFeatures("x").Classes("yes", "maybe").Drift(d => { d.Reference = reference; d.PredictionDrift = true; }))).AddSink(new RecordingSink())));
        error.Message.ShouldContain("ModelMonitoringOptions.Models['m'].Drift.Reference: 'prediction.probability.no' is the probability of a class the model does not declare;");

        await using var test = TestPipeline.Create(
            o =>
            {
                o.FlushInterval = TimeSpan.FromSeconds(1);
                o.AddModel("m", m => m.NumericFeatures("x").Classes("yes", "no").Drift(d => { d.Reference = reference; d.PredictionDrift = true; d.WindowSize = 500; d.MinimumRows = 100; d.CheckInterval = Interval; }));
            },
            clock: new FakeTimeProvider(Start));
        for (var i = 0; i < 500; i++)
        {
            var yes = 0.2 + (0.3 * _random.NextDouble());
            test.Pipeline.GetMonitor("m").RecordPrediction(new Prediction { NumericFeatures = [DriftData.Normal(_random, 1)[0]], ClassProbabilities = [yes, 1 - yes] }).IsEmpty.ShouldBeFalse();
        }

        await NextCheckAsync(test);

        test.Sink.DriftChecks.Single(c => c.Detector == "PredictionDriftDetector").Features.Select(f => (f.Feature, f.Drifted))
            .ShouldBe([("prediction.probability.yes", true), ("prediction.probability.no", true)]);
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
