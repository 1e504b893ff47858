using Microsoft.Extensions.Logging;
using ModelMonitoring.Drift;
using ModelMonitoring.Internal;
using ModelMonitoring.Pipeline;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

namespace ModelMonitoring.DriftMonitoring;

/// <summary>
/// Runs every detector on one model's window against its reference and turns each result into a
/// <see cref="DriftCheckRecord"/>. The reference is passed as it is, so its sorted values and bins are
/// reused: a check sorts only the window. A detector that throws is logged and counted, and the others
/// still run.
/// </summary>
internal sealed class DriftChecker
{
    private readonly ModelSchema _model;
    private readonly IReadOnlyList<IDriftDetector> _detectors;
    private readonly ILogger _logger;
    private readonly Dictionary<string, double[]> _numeric = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _categorical = new(StringComparer.Ordinal);
    private readonly List<DetectorResult> _results = [];
    private long _completed;
    private long _failed;

    private readonly StageFailures? _failures;
    private readonly DatasetDriftDetector? _predictionDetector;

    /// <summary>The detector name of prediction drift checks (<see cref="DriftMonitoringOptions.PredictionDrift"/>).</summary>
    public const string PredictionDetectorName = "PredictionDriftDetector";

    private readonly ReferenceViews _views = new();

    // Null categories the window leaves out of its categorical columns, by feature: the built-in detectors report them as missing.
    private readonly Dictionary<string, int> _nulls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double[]> _outputNumeric = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _outputCategorical = new(StringComparer.Ordinal);

    public DriftChecker(ModelSchema model, IReadOnlyList<IDriftDetector> detectors, ILogger logger, StageFailures? failures = null, DatasetDriftDetector? predictionDetector = null)
    {
        _model = model;
        _predictionDetector = predictionDetector;
        _failures = failures;
        _detectors = detectors;
        _logger = logger;
    }

    /// <summary>Gets the number of detector runs that produced a result.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Gets the number of detector runs that threw.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Checks the window; adds one record per detector that succeeded and returns their results (reused on the next call).</summary>
    public IReadOnlyList<DetectorResult> Run(ReferenceProfile reference, DriftWindow window, DateTimeOffset now, List<DriftCheckRecord> records)
    {
        _numeric.Clear();
        _categorical.Clear();
        for (var f = 0; f < _model.NumericFeatures.Count; f++)
        {
            _numeric[_model.NumericFeatures[f]] = window.Numeric(f);
        }

        _nulls.Clear();
        for (var f = 0; f < _model.CategoricalFeatures.Count; f++)
        {
            _categorical[_model.CategoricalFeatures[f]] = window.Categorical(f, out var nulls);
            if (nulls > 0)
            {
                _nulls[_model.CategoricalFeatures[f]] = nulls;
            }
        }

        var (oldest, newest) = window.TimeRange();
        _results.Clear();
        var (features, outputs) = _views.Split(reference);
        foreach (var detector in _detectors)
        {
            var name = detector is MultivariateWindowDetector ? MultivariateWindowDetector.Name : detector.GetType().Name;
            Run(name, detector, features, _numeric, _categorical, reference, window, (oldest, newest), now, records);
        }

        if (_predictionDetector is not null && outputs is not null && window.Outputs is { } columns)
        {
            _outputNumeric.Clear();
            _outputCategorical.Clear();
            _outputNumeric[PredictionDriftFeatures.Score] = window.Numeric(columns.Score);
            _outputNumeric[PredictionDriftFeatures.Value] = window.Numeric(columns.Value);
            for (var c = 0; c < _model.Classes.Count; c++)
            {
                _outputNumeric[PredictionDriftFeatures.Probability(_model.Classes[c])] = window.Numeric(columns.FirstProbability + c);
            }

            _outputCategorical[PredictionDriftFeatures.Class] = window.Categorical(columns.Class, out var nulls);
            if (nulls > 0)
            {
                _nulls[PredictionDriftFeatures.Class] = nulls;
            }

            Run(PredictionDetectorName, _predictionDetector, outputs, _outputNumeric, _outputCategorical, reference, window, (oldest, newest), now, records);
        }

        return _results;
    }

    /// <summary>Runs one detector against its view of the reference (features or outputs); a failure is logged and counted, and the others still run.</summary>
    private void Run(
        string name,
        IDriftDetector detector,
        ReferenceProfile view,
        Dictionary<string, double[]> numeric,
        Dictionary<string, string[]> categorical,
        ReferenceProfile reference,
        DriftWindow window,
        (DateTimeOffset Oldest, DateTimeOffset Newest) range,
        DateTimeOffset now,
        List<DriftCheckRecord> records)
    {
        try
        {
            var result = detector.Detect(view, numeric, categorical)
                ?? throw new InvalidOperationException($"{name}.Detect returned null.");
            if (_nulls.Count > 0 && detector is DatasetDriftDetector)
            {
                result = WithNullsCounted(result);
            }

            records.Add(new DriftCheckRecord
            {
                Model = _model.Name,
                Timestamp = now,
                WindowStart = range.Oldest,
                WindowEnd = range.Newest,
                RowCount = window.Count,
                ReferenceRowCount = reference.RowCount,
                Detector = name,
                DatasetDrifted = result.DatasetDrifted,
                DriftedShare = result.DriftedShare,
                Score = result.Score,
                Recommendation = result.Recommendation,
                Features = result.Features,
            });
            _results.Add(new DetectorResult(name, result));
            Interlocked.Increment(ref _completed);
        }
        catch (Exception ex)
        {
            Failure(ex, name);
        }
    }

    /// <summary>Logs and counts a failed check; in a pipeline also as a failure of its drift stage, which logs a detector failing every check only once an hour.</summary>
    public void Failure(Exception exception, string detector)
    {
        Interlocked.Increment(ref _failed);
        if (_failures is not null)
        {
            _failures.Report(_model.Name, MonitoringStage.Drift, detector, exception);
            return;
        }

        Log.DriftCheckFailed(_logger, exception, detector, _model.Name);
    }

    private DatasetDriftResult WithNullsCounted(DatasetDriftResult result) => new(
        [.. result.Features.Select(f => f.Kind == FeatureKind.Categorical && _nulls.TryGetValue(f.Feature, out var nulls) ? f with { MissingCount = f.MissingCount + nulls } : f)],
        result.DriftShareThreshold,
        result.Rule);
}
