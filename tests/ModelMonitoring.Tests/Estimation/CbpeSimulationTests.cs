using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;
using ModelMonitoring.Estimation;
using ModelMonitoring.Internal;
using ModelMonitoring.Performance;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Tests.Estimation;

/// <summary>
/// CBPE on simulated classifiers whose calibration holds, through the window aggregator as the worker runs it: the
/// realized metric (computed by the scikit-learn-checked <see cref="PerformanceCalculator"/> from the simulated labels,
/// which the aggregator never sees) falls inside the 95 % band in at least 90 % of 200 windows, and a covariate shift
/// that lowers accuracy raises the estimate's alert without a single label.
/// </summary>
public sealed class CbpeSimulationTests
{
    private const int Windows = 200;
    private const int WindowSize = 1_000;
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ModelSchema Schema = new("m", "1", "test", [], []);

    [Fact]
    public void Binary_RealizedMetricsFallInsideThe95PercentBand_InAtLeast90PercentOfWindows()
    {
        var coverage = Coverage(classes: 2, spread: 1.5, [RealizedMetricNames.Accuracy, RealizedMetricNames.Precision("b"), RealizedMetricNames.Recall("b"), RealizedMetricNames.F1("b"), RealizedMetricNames.RocAuc]);

        foreach (var (metric, share) in coverage)
        {
            share.ShouldBeGreaterThanOrEqualTo(0.90, metric);
        }
    }

    [Fact]
    public void Multiclass_RealizedMetricsFallInsideThe95PercentBand_InAtLeast90PercentOfWindows()
    {
        var coverage = Coverage(classes: 3, spread: 2, [RealizedMetricNames.Accuracy, RealizedMetricNames.PrecisionMacro, RealizedMetricNames.RecallMacro, RealizedMetricNames.F1Macro]);

        coverage.Count.ShouldBe(4); // no ROC AUC estimate for three classes
        foreach (var (metric, share) in coverage)
        {
            share.ShouldBeGreaterThanOrEqualTo(0.90, metric);
        }
    }

    [Theory]
    [InlineData(2, 1.5, 0.4)]
    [InlineData(3, 2, 0.5)]
    public void CovariateShiftLoweringAccuracy_RaisesTheEstimatedAccuracyAlert_WithoutLabels(int classes, double spread, double shiftedSpread)
    {
        var model = new SimulatedClassifier(seed: 7, classes);
        var aggregator = Create(classes, spread, bandWidth: 3);
        var metrics = new ArrayBuilder<MetricRecord>(64);
        var alerts = new List<Alert>();

        for (var w = 0; w < 10; w++)
        {
            var shifted = w >= 5;
            Fill(aggregator, model, w, shifted ? shiftedSpread : spread);
            aggregator.CloseWindows(Start.AddMinutes(w + 2), all: false, metrics, alerts);
            var accuracy = alerts.Last(a => a.Name == EstimatedMetricNames.Accuracy);
            accuracy.State.ShouldBe(shifted ? AlertState.Firing : AlertState.Resolved, $"window {w}: {accuracy.Message}");
            if (shifted)
            {
                accuracy.Value!.Value.ShouldBeLessThan(accuracy.Threshold!.Value);
                accuracy.Baseline!.Value.ShouldBeGreaterThan(accuracy.Threshold.Value);
            }
        }

        metrics.Memory.ToArray().ShouldNotContain(m => m.Name == WindowMetricNames.Accuracy || m.Name == WindowMetricNames.LabeledCount);
    }

    [Fact]
    public void ThresholdOnAnEstimate_IsCheckedLikeAnyWindowMetric()
    {
        var model = new SimulatedClassifier(seed: 9, 2);
        var threshold = new ModelMonitoring.Configuration.MetricThreshold(EstimatedMetricNames.Accuracy) { Min = 0.99 };
        var aggregator = Create(2, 1.5, bandWidth: 3, thresholds: [threshold]);
        var alerts = new List<Alert>();

        Fill(aggregator, model, 0, 1.5);
        aggregator.CloseWindows(Start.AddMinutes(2), all: false, new ArrayBuilder<MetricRecord>(64), alerts);

        var fired = alerts.Single(a => a.Name == "threshold." + EstimatedMetricNames.Accuracy);
        fired.State.ShouldBe(AlertState.Firing);
        fired.Value!.Value.ShouldBeLessThan(0.99);
    }

    [Fact]
    public void SmallWindow_GetsNoEstimateAndNoAlert()
    {
        var model = new SimulatedClassifier(seed: 3, 2);
        var aggregator = Create(2, 1.5, bandWidth: 3, minWindowSize: WindowSize + 1);
        var metrics = new ArrayBuilder<MetricRecord>(64);
        var alerts = new List<Alert>();

        Fill(aggregator, model, 0, 1.5);
        aggregator.CloseWindows(Start.AddMinutes(2), all: false, metrics, alerts);

        metrics.Memory.ToArray().ShouldNotContain(m => m.Name.StartsWith(EstimatedMetricNames.Prefix, StringComparison.Ordinal));
        alerts.ShouldBeEmpty();
        metrics.Memory.ToArray().ShouldContain(m => m.Name == WindowMetricNames.PredictionCount && m.Value == WindowSize);
    }

    [Fact]
    public void WindowBeyondMaxWindowPredictions_IsEstimatedFromASampleAndBandedForAllItsPredictions()
    {
        var model = new SimulatedClassifier(seed: 5, 2);
        var full = Create(2, 1.5, bandWidth: 3);
        var sampled = Create(2, 1.5, bandWidth: 3, maxWindowPredictions: 200);
        var (fullMetrics, sampledMetrics) = (new ArrayBuilder<MetricRecord>(64), new ArrayBuilder<MetricRecord>(64));

        Fill(full, model, 0, 1.5);
        Fill(sampled, new SimulatedClassifier(seed: 5, 2), 0, 1.5);
        full.CloseWindows(Start.AddMinutes(2), all: false, fullMetrics, []);
        sampled.CloseWindows(Start.AddMinutes(2), all: false, sampledMetrics, []);

        double Get(ArrayBuilder<MetricRecord> m, string name) => m.Memory.ToArray().Single(r => r.Name == name).Value;
        var width = Get(fullMetrics, EstimatedMetricNames.Upper(EstimatedMetricNames.Accuracy)) - Get(fullMetrics, EstimatedMetricNames.Lower(EstimatedMetricNames.Accuracy));
        var sampledWidth = Get(sampledMetrics, EstimatedMetricNames.Upper(EstimatedMetricNames.Accuracy)) - Get(sampledMetrics, EstimatedMetricNames.Lower(EstimatedMetricNames.Accuracy));
        sampledWidth.ShouldBe(width, 1e-12); // σ(n) uses the window's 1,000 predictions, not the 200 kept
        Get(sampledMetrics, EstimatedMetricNames.Accuracy).ShouldBe(Get(fullMetrics, EstimatedMetricNames.Accuracy), 0.06);
        Get(sampledMetrics, EstimatedMetricNames.Accuracy).ShouldNotBe(Get(fullMetrics, EstimatedMetricNames.Accuracy));
    }

    private static Dictionary<string, double> Coverage(int classes, double spread, string[] realizedNames)
    {
        var model = new SimulatedClassifier(seed: 42, classes);
        var aggregator = Create(classes, spread, bandWidth: 1.96);
        var inside = new Dictionary<string, int>(StringComparer.Ordinal);
        var metrics = new ArrayBuilder<MetricRecord>(64);
        for (var w = 0; w < Windows; w++)
        {
            metrics.Clear();
            var (predicted, confidences, actual) = Fill(aggregator, model, w, spread);
            aggregator.CloseWindows(Start.AddMinutes(w + 2), all: false, metrics, []);
            var stored = metrics.Memory.ToArray().ToDictionary(m => m.Name, m => m.Value, StringComparer.Ordinal);
            var realized = WindowPerformance.Compute(
                [.. predicted.Select((p, i) => new LabelledPrediction { PredictedClass = p, Confidence = confidences[i], ActualClass = actual[i] })],
                Start, Start, Start, maxSegments: 0, maxClasses: 10)[0].Metrics;
            for (var m = 0; m < realizedNames.Length; m++)
            {
                var name = EstimatedMetricNames.All[m];
                if (!stored.TryGetValue(name, out _))
                {
                    continue;
                }

                var value = realized[realizedNames[m]];
                var hit = value >= stored[EstimatedMetricNames.Lower(name)] && value <= stored[EstimatedMetricNames.Upper(name)];
                inside[name] = inside.GetValueOrDefault(name) + (hit ? 1 : 0);
            }
        }

        return inside.ToDictionary(p => p.Key, p => (double)p.Value / Windows, StringComparer.Ordinal);
    }

    private static WindowAggregator Create(int classes, double spread, double bandWidth, int minWindowSize = 100, int maxWindowPredictions = 100_000, ModelMonitoring.Configuration.MetricThreshold[]? thresholds = null)
    {
        // The reference comes from its own draws, so windows are independent of it.
        var (predicted, confidences, actual) = new SimulatedClassifier(seed: 1000 + classes, classes).Batch(20_000, spread);
        var options = new PerformanceEstimationOptions
        {
            Reference = CbpeReference.Create(predicted, confidences, actual),
            BandWidth = bandWidth,
            MinWindowSize = minWindowSize,
            MaxWindowPredictions = maxWindowPredictions,
        };
        return new WindowAggregator(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1), 10_000, new ThresholdEvaluator(Schema, thresholds ?? []), "m")
        {
            Estimation = new PerformanceEstimationWatch(Schema, options),
        };
    }

    private static (string[] Predicted, double[] Confidences, string[] Actual) Fill(WindowAggregator aggregator, SimulatedClassifier model, int window, double spread)
    {
        var batch = model.Batch(WindowSize, spread);
        for (var i = 0; i < WindowSize; i++)
        {
            aggregator.Observe(new PredictionRecord
            {
                Id = new PredictionId(1, (ulong)((window * WindowSize) + i)),
                Timestamp = Start.AddMinutes(window).AddMilliseconds(i),
                PredictedClass = batch.Predicted[i],
                Confidence = batch.Confidences[i],
            });
        }

        return batch;
    }
}
