using System.Globalization;
using ModelMonitoring.Alerting;

namespace ModelMonitoring.Estimation;

/// <summary>
/// One model's performance estimation on the worker: keeps each open window's predictions, and when the window closes
/// adds the estimates and their bands to its metrics and reports, per metric, whether the estimate left the reference's
/// band (an observation <see cref="AlertState.Firing"/>) or not (<see cref="AlertState.Resolved"/>).
/// </summary>
internal sealed class PerformanceEstimationWatch
{
    // Fixed so that a replayed stream keeps the same sample; the sample only bounds memory, it is not a security choice.
    private const int SampleSeed = 0x5EED;
    private readonly ModelSchema _model;
    private readonly PerformanceEstimationOptions _options;
    private readonly CbpeReference _reference;
    private readonly CbpeEstimator _estimator;
    private readonly Random _random = new(SampleSeed);
    private readonly double[] _values = new double[CbpeMath.MetricCount];
    private readonly string[] _lower = [.. EstimatedMetricNames.All.Select(EstimatedMetricNames.Lower)];
    private readonly string[] _upper = [.. EstimatedMetricNames.All.Select(EstimatedMetricNames.Upper)];

    public PerformanceEstimationWatch(ModelSchema model, PerformanceEstimationOptions options)
    {
        _model = model;
        _options = options;
        _reference = options.Reference ?? throw new ArgumentException("PerformanceEstimationOptions.Reference is required.", nameof(options));
        _estimator = new CbpeEstimator(_reference);
    }

    /// <summary>
    /// Gets how many successful predictions with a class could not be kept for an estimate since start: a class the
    /// reference does not calibrate, or no confidence (class probabilities, for a reference built from them). Worker thread.
    /// </summary>
    public long Unused { get; private set; }

    /// <summary>Gets what a prediction needs to be estimated, for the warning about unused predictions.</summary>
    public string Needs => _reference.EstimatesFromProbabilities ? "class probabilities" : _reference.UsesClassProbabilities ? "a confidence or class probabilities" : "a confidence";

    /// <summary>
    /// Keeps a prediction for its window's estimate when its class is one the reference calibrates and it has what the
    /// reference estimates from: its class probabilities for a multiclass reference built from them, otherwise its
    /// confidence (or, for a reference built from class probabilities, its predicted class's probability).
    /// </summary>
    /// <param name="window">The prediction's window.</param>
    /// <param name="predictedClass">The predicted class.</param>
    /// <param name="confidence">The confidence, when recorded.</param>
    /// <param name="probabilities">The class probabilities in the model's class order, or empty.</param>
    public void Observe(Aggregation.WindowState window, string predictedClass, double? confidence, ReadOnlySpan<double> probabilities)
    {
        var index = _reference.IndexOf(predictedClass);
        if (index < 0)
        {
            Unused++;
            return;
        }

        // The validator made the model's classes the reference's, in order, whenever the reference uses probabilities.
        var width = _reference.EstimatesFromProbabilities ? _reference.Classes.Count : 0;
        var hasProbabilities = _reference.UsesClassProbabilities && probabilities.Length == _reference.Classes.Count;
        var score = hasProbabilities ? probabilities[index] : confidence ?? double.NaN;
        if ((width > 0 && !hasProbabilities) || !double.IsFinite(score)
            || (!_reference.IsBinary && width == 0 && _reference.ClassCalibrators[index] is null))
        {
            Unused++;
            return;
        }

        window.Estimation ??= new EstimationSample(width);
        window.Estimation.Add(index, score, probabilities, _options.MaxWindowPredictions, _random);
    }

    /// <summary>Adds the window's estimates and bands to <paramref name="metrics"/> and its band checks to <paramref name="observations"/>.</summary>
    public void Close(EstimationSample? sample, DateTimeOffset windowEnd, Dictionary<string, double> metrics, List<Alert> observations)
    {
        if (sample is null || sample.Count < _options.MinWindowSize)
        {
            return;
        }

        _estimator.Estimate(sample.Classes, sample.Confidences, sample.Probabilities, _values);
        var z = _options.BandWidth;
        for (var metric = 0; metric < CbpeMath.MetricCount; metric++)
        {
            var estimate = _values[metric];
            var deviation = _reference.Deviation(metric, sample.Seen);
            var expected = _reference.ReferenceValues[metric];
            if (((int)_options.Metrics & (1 << metric)) == 0 || !double.IsFinite(estimate) || !double.IsFinite(deviation) || !double.IsFinite(expected))
            {
                continue;
            }

            var name = EstimatedMetricNames.All[metric];
            metrics[name] = estimate;
            metrics[_lower[metric]] = Math.Max(0, estimate - (z * deviation));
            metrics[_upper[metric]] = Math.Min(1, estimate + (z * deviation));
            var low = expected - (z * deviation);
            var high = expected + (z * deviation);
            double? limit = estimate < low ? low : estimate > high ? high : null;
            observations.Add(new Alert
            {
                Model = _model.Name,
                Version = _model.Version,
                Environment = _model.Environment,
                Name = name,
                Severity = _options.Severity,
                State = limit is null ? AlertState.Resolved : AlertState.Firing,
                Metric = name,
                Value = estimate,
                Threshold = limit,
                Baseline = expected,
                Timestamp = windowEnd,
                Message = limit is null
                    ? string.Create(CultureInfo.InvariantCulture, $"{_model.Name}: {name} = {estimate:G4} is within the reference's band {low:G4} to {high:G4}.")
                    : string.Create(CultureInfo.InvariantCulture, $"{_model.Name}: {name} = {estimate:G4} left the reference's band {low:G4} to {high:G4} (reference {expected:G4}, {sample.Seen:N0} predictions, no labels needed)."),
            });
        }
    }
}
