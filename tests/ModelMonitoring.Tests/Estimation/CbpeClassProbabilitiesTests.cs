using Microsoft.Extensions.Options;
using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;
using ModelMonitoring.Estimation;
using ModelMonitoring.Internal;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Estimation;

/// <summary>
/// CBPE from class probabilities (a reference built with them, predictions recording them) on a simulated over-confident
/// classifier: the realized metrics of each window (computed from the simulated labels by the reference's own realized
/// formulas, which match scikit-learn: <see cref="IsotonicCalibratorFixtureTests"/>) fall inside the estimate's 95 % band
/// in at least 90 % of 200 windows, ROC AUC included; a covariate shift lowering accuracy and AUC raises both alerts
/// without a label.
/// </summary>
public sealed class CbpeClassProbabilitiesTests
{
    private const int Windows = 200;
    private const int WindowSize = 1_000;
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ModelSchema Schema = new("m", "1", "test", [], []) { Classes = ProbabilityClassifier.Names(3) };

    [Theory]
    [InlineData(3, 1.5)]
    [InlineData(5, 1.25)]
    public void RealizedMetricsFallInsideThe95PercentBand_InAtLeast90PercentOfWindows_RocAucIncluded(int classes, double temperature)
    {
        var model = new ProbabilityClassifier(seed: 42, classes, temperature);
        var aggregator = Create(classes, spread: 1.2, bandWidth: 1.96, temperature);
        var inside = new int[CbpeMath.MetricCount];
        var aucError = 0.0;
        var metrics = new ArrayBuilder<MetricRecord>(64);
        var realized = new double[CbpeMath.MetricCount];
        for (var w = 0; w < Windows; w++)
        {
            metrics.Clear();
            var batch = Fill(aggregator, model, w, spread: 1.2);
            aggregator.CloseWindows(Start.AddMinutes(w + 2), all: false, metrics, []);
            var stored = metrics.Memory.ToArray().ToDictionary(m => m.Name, m => m.Value, StringComparer.Ordinal);
            batch.Realized(realized);
            for (var m = 0; m < CbpeMath.MetricCount; m++)
            {
                var name = EstimatedMetricNames.All[m];
                inside[m] += realized[m] >= stored[EstimatedMetricNames.Lower(name)] && realized[m] <= stored[EstimatedMetricNames.Upper(name)] ? 1 : 0;
            }

            aucError += Math.Abs(stored[EstimatedMetricNames.RocAuc] - realized[CbpeMath.RocAuc]);
        }

        for (var m = 0; m < CbpeMath.MetricCount; m++)
        {
            ((double)inside[m] / Windows).ShouldBeGreaterThanOrEqualTo(0.90, EstimatedMetricNames.All[m]);
        }

        (aucError / Windows).ShouldBeLessThan(0.02);
    }

    [Fact]
    public void CovariateShiftLoweringAccuracyAndAuc_RaisesBothEstimateAlerts_WithoutLabels()
    {
        var model = new ProbabilityClassifier(seed: 7, 3);
        var aggregator = Create(3, spread: 1.2, bandWidth: 3);
        var metrics = new ArrayBuilder<MetricRecord>(64);
        var alerts = new List<Alert>();
        var realized = new double[CbpeMath.MetricCount];

        for (var w = 0; w < 10; w++)
        {
            var shifted = w >= 5;
            var batch = Fill(aggregator, model, w, shifted ? 0.5 : 1.2);
            aggregator.CloseWindows(Start.AddMinutes(w + 2), all: false, metrics, alerts);
            batch.Realized(realized);
            foreach (var name in new[] { EstimatedMetricNames.Accuracy, EstimatedMetricNames.RocAuc })
            {
                var alert = alerts.Last(a => a.Name == name);
                alert.State.ShouldBe(shifted ? AlertState.Firing : AlertState.Resolved, $"window {w}: {alert.Message}");
                if (shifted)
                {
                    alert.Value!.Value.ShouldBeLessThan(alert.Threshold!.Value);
                }
            }

            // The estimates follow what the labels, which the aggregator never sees, would have said.
            alerts.Last(a => a.Name == EstimatedMetricNames.RocAuc).Value!.Value.ShouldBe(realized[CbpeMath.RocAuc], 0.05, $"window {w}");
        }
    }

    [Fact]
    public void PredictionsWithoutProbabilities_AreNotEstimated_WithAReferenceThatNeedsThem()
    {
        var aggregator = Create(3, spread: 1.2, bandWidth: 3);
        var metrics = new ArrayBuilder<MetricRecord>(64);
        for (var i = 0; i < WindowSize; i++)
        {
            aggregator.Observe(new PredictionRecord { Id = new PredictionId(1, (ulong)i), Timestamp = Start.AddMilliseconds(i), PredictedClass = "c1", Confidence = 0.8 });
        }

        aggregator.CloseWindows(Start.AddMinutes(2), all: false, metrics, []);

        metrics.Memory.ToArray().ShouldNotContain(m => m.Name.StartsWith(EstimatedMetricNames.Prefix, StringComparison.Ordinal));
    }

    [Fact]
    public void PredictionsTheEstimateCannotUse_AreCountedAndLogged_NotSilentlySkipped()
    {
        var logs = new CapturingLoggerProvider();
        var schema = new ModelSchema("m", "1", "test", [], []) { Classes = ProbabilityClassifier.Names(3) };
        var watch = new PerformanceEstimationWatch(schema, new PerformanceEstimationOptions { Reference = ProbabilityClassifier.Reference(3, spread: 1.2) });
        var aggregator = new WindowAggregator(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1), 10_000, new ThresholdEvaluator(schema, []), "m", logs.CreateLogger("test")) { Estimation = watch };

        // Without probabilities, with an unknown class, and one usable prediction.
        aggregator.Observe(new PredictionRecord { Id = new PredictionId(1, 1), Timestamp = Start, PredictedClass = "c1", Confidence = 0.8 });
        aggregator.Observe(new PredictionRecord { Id = new PredictionId(1, 2), Timestamp = Start, PredictedClass = "c9", ClassProbabilities = new[] { 0.2, 0.3, 0.5 } });
        aggregator.Observe(new PredictionRecord { Id = new PredictionId(1, 3), Timestamp = Start, PredictedClass = "c2", ClassProbabilities = new[] { 0.2, 0.3, 0.5 } });
        aggregator.CloseWindows(Start.AddMinutes(2), all: false, new ArrayBuilder<MetricRecord>(64), []);

        watch.Unused.ShouldBe(2);
        logs.Lines.ShouldContain(l => l.Contains("2 successful predictions of model m so far could not be used for performance estimation", StringComparison.Ordinal)
            && l.Contains("they lack class probabilities", StringComparison.Ordinal));
    }

    [Fact]
    public void TwoClassesFromProbabilities_AreTheBinaryCase_WithTheSecondClassPositive()
    {
        // The same rows as class probabilities in the order (no, yes) and as confidences, whose positive class is the
        // greater in ordinal order, 'yes': the same reference. In the order (yes, no), 'no' is positive.
        var random = new Random(3);
        var n = 2_000;
        var predicted = new string[n];
        var actual = new string[n];
        var confidences = new double[n];
        var noFirst = new IReadOnlyList<double>[n];
        var yesFirst = new IReadOnlyList<double>[n];
        for (var i = 0; i < n; i++)
        {
            var pYes = random.NextDouble();
            predicted[i] = pYes >= 0.5 ? "yes" : "no";
            actual[i] = random.NextDouble() < pYes ? "yes" : "no";
            confidences[i] = Math.Max(pYes, 1 - pYes);
            noFirst[i] = [1 - pYes, pYes];
            yesFirst[i] = [pYes, 1 - pYes];
        }

        var fromConfidences = CbpeReference.Create(predicted, confidences, actual);
        var positiveYes = CbpeReference.Create(["no", "yes"], predicted, noFirst, actual);
        var positiveNo = CbpeReference.Create(["yes", "no"], predicted, yesFirst, actual);

        (positiveYes.IsBinary, positiveYes.UsesClassProbabilities, fromConfidences.UsesClassProbabilities).ShouldBe((true, true, false));
        positiveNo.Classes.ShouldBe(["yes", "no"]);
        for (var m = 0; m < CbpeMath.MetricCount; m++)
        {
            positiveYes.ReferenceValues[m].ShouldBe(fromConfidences.ReferenceValues[m], 1e-12, EstimatedMetricNames.All[m]);
            positiveYes.UnitDeviations[m].ShouldBe(fromConfidences.UnitDeviations[m], 1e-12, EstimatedMetricNames.All[m]);
        }

        var predictedNo = predicted.Count(p => p == "no");
        var rightNo = predicted.Where((p, i) => p == "no" && actual[i] == "no").Count();
        positiveNo.ReferenceValues[CbpeMath.Precision].ShouldBe((double)rightNo / predictedNo, 1e-12);
        positiveNo.ReferenceValues[CbpeMath.Accuracy].ShouldBe(fromConfidences.ReferenceValues[CbpeMath.Accuracy], 1e-12);
    }

    [Theory]
    [InlineData(new[] { "c0", "c1" }, "Reference row 50: the predicted class 'x' and the true class 'c0' must both be one of the classes (c0, c1).")]
    [InlineData(new[] { "c0", "c0", "c1" }, "at least two distinct, non-empty labels")]
    [InlineData(new[] { "c0" }, "at least two distinct, non-empty labels")]
    public void CreateFromProbabilities_RefusesBadClasses(string[] classes, string expected)
    {
        var rows = Enumerable.Range(0, 100).ToArray();
        var error = Should.Throw<ArgumentException>(() => CbpeReference.Create(
            classes,
            [.. rows.Select(i => i == 50 ? "x" : "c0")],
            [.. rows.Select(_ => (IReadOnlyList<double>)[.. classes.Select(_ => 1.0 / classes.Length)])],
            [.. rows.Select(i => i % 2 == 0 ? "c0" : "c1")]));

        error.Message.ShouldContain(expected);
    }

    [Theory]
    [InlineData(new[] { 0.5, 0.5 }, "2 class probabilities for 3 classes")]
    [InlineData(new[] { 0.5, 0.6, -0.1 }, "is not between 0 and 1")]
    [InlineData(new[] { 0.5, double.NaN, 0.5 }, "is not between 0 and 1")]
    [InlineData(new[] { 0.5, 0.5, 0.5 }, "sum to 1.5, not 1")]
    public void CreateFromProbabilities_RefusesBadRows_NamingTheRow(double[] bad, string expected)
    {
        var rows = Enumerable.Range(0, 100).ToArray();
        var error = Should.Throw<ArgumentException>(() => CbpeReference.Create(
            ["c0", "c1", "c2"],
            [.. rows.Select(_ => "c0")],
            [.. rows.Select(i => i == 42 ? bad : (IReadOnlyList<double>)[0.5, 0.25, 0.25])],
            [.. rows.Select(i => $"c{i % 3}")]));

        error.Message.ShouldContain("Reference row 42:");
        error.Message.ShouldContain(expected);
    }

    [Fact]
    public void AModelWhoseClassesAreNotTheReferences_FailsAtStartUp_AndRocAucAloneIsAllowed()
    {
        var reference = ProbabilityClassifier.Reference(3, spread: 1.2);
        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b.Configure(o =>
        {
            o.AddModel("undeclared", m => m.EstimatePerformance(e => e.Reference = reference));
            o.AddModel("reordered", m => m.Classes("c1", "c0", "c2").EstimatePerformance(e => e.Reference = reference));
            o.AddModel("auc", m => m.Classes("c0", "c1", "c2").EstimatePerformance(e => (e.Reference, e.Metrics) = (reference, EstimatedMetric.RocAuc)));
        }).AddSink(new RecordingSink())));

        error.Message.ShouldContain("ModelMonitoringOptions.Models['undeclared'].PerformanceEstimation.Reference: the reference's classes (c0, c1, c2) are not the model's Classes (none declared); declare Classes(\"c0\", \"c1\", \"c2\")");
        error.Message.ShouldContain("ModelMonitoringOptions.Models['reordered'].PerformanceEstimation.Reference: the reference's classes (c0, c1, c2) are not the model's Classes (c1, c0, c2);");
        error.Message.ShouldNotContain("Models['auc']");
    }

    [Fact]
    public void ManyClassesTimesMaxWindowPredictions_BeyondTheBound_FailsAtStartUp()
    {
        var reference = ProbabilityClassifier.Reference(5, spread: 1.2);
        string[] classes = ["c0", "c1", "c2", "c3", "c4"];

        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b.Configure(o =>
        {
            o.AddModel("over", m => m.Classes(classes).EstimatePerformance(e => (e.Reference, e.MaxWindowPredictions) = (reference, 2_000_001)));
            o.AddModel("at", m => m.Classes(classes).EstimatePerformance(e => (e.Reference, e.MaxWindowPredictions) = (reference, 2_000_000)));
        }).AddSink(new RecordingSink())));

        error.Message.ShouldContain("ModelMonitoringOptions.Models['over'].PerformanceEstimation.MaxWindowPredictions: 2,000,001 predictions of 5 class probabilities each is not allowed; an open window keeps at most 10,000,000 probabilities (80 MB), so use at most 2,000,000 with 5 classes.");
        error.Message.ShouldNotContain("Models['at']");
    }

    [Fact]
    public async Task ThroughThePipeline_RecordedProbabilities_GiveTheEstimatedRocAucOfTheWindow()
    {
        var reference = ProbabilityClassifier.Reference(3, spread: 1.2);
        await using var test = TestPipeline.Create(o => o.AddModel("species", m => m.NumericFeatures("a").Classes("c0", "c1", "c2").EstimatePerformance(e => e.Reference = reference)));
        var monitor = test.Pipeline.GetMonitor("species");
        var model = new ProbabilityClassifier(seed: 99, 3);
        var batch = model.Batch(WindowSize, spread: 1.2);
        for (var i = 0; i < WindowSize; i++)
        {
            var p = batch.Probabilities.AsSpan(i * 3, 3);
            monitor.RecordPrediction(new Prediction { NumericFeatures = [i], PredictedClass = batch.PredictedLabel(i), Confidence = p[batch.Predicted[i]], ClassProbabilities = p }).IsEmpty.ShouldBeFalse();
        }

        test.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        var values = test.Sink.Metrics.GroupBy(m => m.Name).ToDictionary(g => g.Key, g => g.Last().Value);
        var realized = new double[CbpeMath.MetricCount];
        batch.Realized(realized);
        values[EstimatedMetricNames.RocAuc].ShouldBe(realized[CbpeMath.RocAuc], 0.05);
        values[EstimatedMetricNames.Accuracy].ShouldBe(realized[CbpeMath.Accuracy], 0.06);
        values[EstimatedMetricNames.Lower(EstimatedMetricNames.RocAuc)].ShouldBeLessThan(values[EstimatedMetricNames.RocAuc]);
        test.Sink.Predictions.Count.ShouldBe(WindowSize);
    }

    private static WindowAggregator Create(int classes, double spread, double bandWidth, double temperature = 1.5)
    {
        var options = new PerformanceEstimationOptions { Reference = ProbabilityClassifier.Reference(classes, spread, temperature), BandWidth = bandWidth };
        var schema = new ModelSchema("m", "1", "test", [], []) { Classes = ProbabilityClassifier.Names(classes) };
        return new WindowAggregator(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1), 10_000, new ThresholdEvaluator(schema, []), "m")
        {
            Estimation = new PerformanceEstimationWatch(schema, options),
        };
    }

    private static ProbabilityBatch Fill(WindowAggregator aggregator, ProbabilityClassifier model, int window, double spread)
    {
        var batch = model.Batch(WindowSize, spread);
        var k = batch.ClassCount;
        for (var i = 0; i < WindowSize; i++)
        {
            aggregator.Observe(new PredictionRecord
            {
                Id = new PredictionId(1, (ulong)((window * WindowSize) + i)),
                Timestamp = Start.AddMinutes(window).AddMilliseconds(i),
                PredictedClass = batch.PredictedLabel(i),
                ClassProbabilities = batch.Probabilities.AsMemory(i * k, k),
            });
        }

        return batch;
    }

    /// <summary>Draws of <see cref="ProbabilityClassifier"/>: predicted and true class indexes and the probabilities, row-major.</summary>
    internal sealed record ProbabilityBatch(int[] Predicted, int[] Actual, double[] Probabilities, int ClassCount)
    {
        public string PredictedLabel(int row) => $"c{Predicted[row]}";

        /// <summary>The realized metrics, by the reference's formulas (scikit-learn's, checked by the fixture tests).</summary>
        public void Realized(double[] values)
        {
            var rows = new ReferenceRows(Predicted, new double[Predicted.Length], Actual, ClassCount, Probabilities);
            var n = Predicted.Length;
            rows.Realized([.. Enumerable.Range(0, n)], values, new double[n], new double[n]);
        }
    }

    /// <summary>
    /// An over-confident classifier whose inputs give each class a score z ~ N(0, spread²): the true class follows
    /// softmax(z), the model reports softmax(t z) with t the temperature (over-confident above 1) and predicts its most
    /// probable class. A smaller spread is a covariate shift toward harder inputs: lower accuracy and AUC, with the same
    /// calibration. A distortion that couples the classes, as t does, is only partly undone by calibrating each class on
    /// its own (one-vs-rest, NannyML's method): the more classes and the larger t, the more the estimates lean (5 classes
    /// at t = 1.5 keep 89.5 % of windows in the 95 % band of precision, against 92.5 % at t = 1.25 and 93.5 % at t = 1).
    /// </summary>
    internal sealed class ProbabilityClassifier(int seed, int classes, double temperature = 1.5)
    {
        private readonly Random _random = new(seed);

        public static string[] Names(int classes) => [.. Enumerable.Range(0, classes).Select(c => $"c{c}")];

        public static CbpeReference Reference(int classes, double spread, double temperature = 1.5)
        {
            // Its own draws, so windows are independent of the reference.
            var batch = new ProbabilityClassifier(seed: 1000 + classes, classes, temperature).Batch(20_000, spread);
            return CbpeReference.Create(
                Names(classes),
                [.. batch.Predicted.Select(c => $"c{c}")],
                [.. Enumerable.Range(0, batch.Predicted.Length).Select(i => (IReadOnlyList<double>)batch.Probabilities.AsSpan(i * classes, classes).ToArray())],
                [.. batch.Actual.Select(c => $"c{c}")]);
        }

        public ProbabilityBatch Batch(int n, double spread)
        {
            var predicted = new int[n];
            var actual = new int[n];
            var probabilities = new double[n * classes];
            Span<double> z = stackalloc double[classes];
            Span<double> truth = stackalloc double[classes];
            for (var i = 0; i < n; i++)
            {
                for (var c = 0; c < classes; c++)
                {
                    z[c] = Normal() * spread;
                }

                Softmax(z, 1, truth);
                var row = probabilities.AsSpan(i * classes, classes);
                Softmax(z, temperature, row);
                predicted[i] = ArgMax(row);
                var u = _random.NextDouble();
                actual[i] = classes - 1;
                for (var (c, cumulative) = (0, 0.0); c < classes; c++)
                {
                    cumulative += truth[c];
                    if (u < cumulative)
                    {
                        actual[i] = c;
                        break;
                    }
                }
            }

            return new ProbabilityBatch(predicted, actual, probabilities, classes);
        }

        private static void Softmax(ReadOnlySpan<double> z, double temperature, Span<double> into)
        {
            var max = double.NegativeInfinity;
            foreach (var v in z)
            {
                max = Math.Max(max, v);
            }

            var sum = 0.0;
            for (var c = 0; c < z.Length; c++)
            {
                into[c] = Math.Exp(temperature * (z[c] - max));
                sum += into[c];
            }

            for (var c = 0; c < z.Length; c++)
            {
                into[c] /= sum;
            }
        }

        private static int ArgMax(ReadOnlySpan<double> values)
        {
            var best = 0;
            for (var c = 1; c < values.Length; c++)
            {
                best = values[c] > values[best] ? c : best;
            }

            return best;
        }

        private double Normal() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
    }
}
