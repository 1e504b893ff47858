using System.Globalization;
using ModelMonitoring.Alerting;

namespace ModelMonitoring.Drift.Streaming;

/// <summary>
/// One configured streaming detector of one model, fed on the worker thread as labels join their
/// predictions. A detection becomes a firing <c>concept.&lt;name&gt;</c> observation for the alert
/// manager; <see cref="StreamingDetectorOptions.ResolveAfterLabels"/> labels without one, a resolved one.
/// Reading a label allocates nothing: only a detection or a resolution creates an observation.
/// </summary>
internal sealed class ConceptDriftWatch
{
    private readonly ModelSchema _model;
    private readonly IStreamingDriftDetector _detector;
    private readonly string _alertName;
    private readonly string _detectorName;
    private readonly AlertSeverity _severity;
    private readonly int _resolveAfter;
    private long _labels;
    private long _sinceDrift;

    // Starts as "may be firing": an alert raised before a restart is resolved by the same quiet stretch as a new one
    // (resolving an alert that is not active is a no-op for the alert manager), while a detection still raises one.
    private bool _firing;
    private bool _mayBeFiring = true;

    public ConceptDriftWatch(ModelSchema model, StreamingDetectorOptions options)
    {
        _model = model;
        _detector = options.Create();
        _alertName = options.AlertName;
        _detectorName = options.Factory is null ? options.Kind.ToString() : _detector.GetType().Name;
        _severity = options.Severity;
        _resolveAfter = options.ResolveAfterLabels;
        ReadsAbsoluteError = options.Stream == StreamingDetectorStream.AbsoluteError;
    }

    /// <summary>Gets whether the detector reads regression labels' absolute errors rather than classification labels' 0/1 errors.</summary>
    public bool ReadsAbsoluteError { get; }

    public void Update(double value, DateTimeOffset at, List<Alert> observations)
    {
        if (!double.IsFinite(value))
        {
            return;
        }

        _labels++;
        _detector.Update(value);
        if (_detector.DriftDetected)
        {
            _sinceDrift = 0;
            _mayBeFiring = false;
            if (!_firing)
            {
                _firing = true;
                observations.Add(Create(AlertState.Firing, at, string.Create(CultureInfo.InvariantCulture,
                    $"{_model.Name}: concept drift, {_detectorName} detected a change of the per-label {StreamName} at label {_labels:N0}.")));
            }

            return;
        }

        if ((_firing || _mayBeFiring) && ++_sinceDrift >= _resolveAfter)
        {
            _firing = _mayBeFiring = false;
            observations.Add(Create(AlertState.Resolved, at, string.Create(CultureInfo.InvariantCulture,
                $"{_model.Name}: no concept drift detected by {_detectorName} in the last {_resolveAfter:N0} labels.")));
        }
    }

    private string StreamName => ReadsAbsoluteError ? "absolute error" : "error";

    private Alert Create(AlertState state, DateTimeOffset at, string message) => new()
    {
        Model = _model.Name,
        Version = _model.Version,
        Environment = _model.Environment,
        Name = _alertName,
        Severity = _severity,
        State = state,
        Metric = ReadsAbsoluteError ? "absolute_error" : "error",
        Timestamp = at,
        Message = message,
    };
}
