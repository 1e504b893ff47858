using System.Globalization;
using ModelMonitoring.Alerting;
using ModelMonitoring.Internal;
using ModelMonitoring.Recording;
using ModelMonitoring.Statistics;
using ModelMonitoring.Storage;
using static ModelMonitoring.Explainability.ExplainabilityConstants;

namespace ModelMonitoring.Explainability;

/// <summary>
/// One model's explainability monitoring on the worker (see <see cref="ExplainabilityOptions"/>): collects drained
/// attributions into windows, learns the first full window as the reference, and at each window's end compares window
/// importance, attribution distributions and complexity with the reference; compares global importances between versions.
/// </summary>
internal sealed class ExplainabilityMonitor
{
    private readonly ModelSchema _model;
    private readonly ExplainabilityOptions _options;
    private readonly ModelMonitor _monitor;
    private readonly IReadOnlyList<string> _features;
    private readonly ConditionAlerts _alerts;
    private readonly AttributionWindow _window;
    private readonly ArrayBuilder<MetricRecord> _pendingMetrics = new(64);
    private readonly List<Alert> _pendingAlerts = [];
    private AttributionWindow? _reference;
    private DateTimeOffset _referenceStart;
    private DateTimeOffset? _windowStart;
    private (string Version, double[] Importances)? _lastGlobal;

    public ExplainabilityMonitor(ModelMonitor monitor, ExplainabilityOptions options)
    {
        _monitor = monitor;
        _model = monitor.Model;
        _options = options;
        _features = [.. _model.NumericFeatures, .. _model.CategoricalFeatures];
        _alerts = new ConditionAlerts(_model);
        _window = new AttributionWindow(_features.Count, options.MaxAttributionsPerWindow, options.ComplexityMass);
    }

    /// <summary>Gets the reference window's importances, or <see langword="null"/> before one was learned.</summary>
    public double[]? ReferenceImportances => _reference?.MeanAbsolute();

    /// <summary>
    /// Adds drained attributions to the window of their timestamp. Attributions of a later window close the current one
    /// first (its results wait for <see cref="Check"/>); ones drained after their window closed count in the current window.
    /// </summary>
    public void Observe(in ExplanationRecord explanation)
    {
        if (explanation.Kind != ExplanationKind.Attributions)
        {
            return;
        }

        var start = WindowStartOf(explanation.Timestamp);
        _windowStart ??= start;
        if (start > _windowStart)
        {
            Advance(start);
        }

        _window.Add(explanation.Values.Span);
    }

    /// <summary>Compares waiting global importances, and closes the window when its interval has passed; results go to <paramref name="metrics"/> and <paramref name="alerts"/>.</summary>
    public void Check(DateTimeOffset now, ArrayBuilder<MetricRecord> metrics, List<Alert> alerts)
    {
        while (_monitor.PendingImportances.TryDequeue(out var global))
        {
            CompareVersions(global.Version, global.Importances, now, metrics, alerts);
        }

        var start = WindowStartOf(now);
        if (_windowStart is { } current && start > current)
        {
            Advance(start);
        }

        for (var i = 0; i < _pendingMetrics.Count; i++)
        {
            metrics.Add(_pendingMetrics[i]);
        }

        alerts.AddRange(_pendingAlerts);
        _pendingMetrics.Clear();
        _pendingAlerts.Clear();
    }

    /// <summary>Closes the current window (its results stamped with its end) and starts the one at <paramref name="start"/>.</summary>
    private void Advance(DateTimeOffset start)
    {
        CloseWindow(_windowStart!.Value, _windowStart.Value + _options.CheckInterval, _pendingMetrics, _pendingAlerts);
        _window.Clear();
        _windowStart = start;
    }

    private void CompareVersions(string version, double[] importances, DateTimeOffset now, ArrayBuilder<MetricRecord> metrics, List<Alert> alerts)
    {
        ImportanceReporting.AddImportances("importance.global.", _features, importances, new Dictionary<string, string> { ["version"] = version }, now, null, metrics);
        if (_lastGlobal is { } last && !string.Equals(last.Version, version, StringComparison.Ordinal))
        {
            var result = ImportanceDrift.Compare("versions", last.Version, version, _features, last.Importances, importances, _options.TopK, _options.MinRankCorrelation);
            ImportanceReporting.AddMetrics("importance.versions.", result, now, null, metrics);
            ImportanceReporting.Alert(_alerts, VersionRankCorrelationAlert, VersionTopKAlert, _model, result, _options.MinRankCorrelation, now, alerts);
        }

        _lastGlobal = (version, importances);
    }

    private void CloseWindow(DateTimeOffset start, DateTimeOffset now, ArrayBuilder<MetricRecord> metrics, List<Alert> alerts)
    {
        if (_window.Count < _options.MinimumAttributions)
        {
            return;
        }

        var importances = _window.MeanAbsolute();
        var role = _reference is null ? "reference" : "current";
        ImportanceReporting.AddImportances("importance.window.", _features, importances, new Dictionary<string, string> { ["role"] = role }, now, start, metrics);
        metrics.Add(new MetricRecord { Name = "attribution.complexity", Value = _window.MeanComplexity, Timestamp = now, WindowStart = start });
        if (_reference is null)
        {
            _reference = _window.Snapshot();
            _referenceStart = start;
            return;
        }

        var result = ImportanceDrift.Compare("windows", Iso(_referenceStart), Iso(start), _features, _reference.MeanAbsolute(), importances, _options.TopK, _options.MinRankCorrelation);
        ImportanceReporting.AddMetrics("importance.", result, now, start, metrics);
        ImportanceReporting.Alert(_alerts, RankCorrelationAlert, TopKAlert, _model, result, _options.MinRankCorrelation, now, alerts);
        CompareAttributions(start, now, metrics, alerts);
    }

    private void CompareAttributions(DateTimeOffset start, DateTimeOffset now, ArrayBuilder<MetricRecord> metrics, List<Alert> alerts)
    {
        var reference = _reference!;
        for (var i = 0; i < _features.Count; i++)
        {
            var test = TwoSampleTests.KolmogorovSmirnov(reference.Column(i), _window.Column(i));
            var p = test.PValue ?? 1.0;
            var name = AttributionAlertPrefix + _features[i];
            metrics.Add(new MetricRecord { Name = name + ".ks_statistic", Value = test.Statistic, Timestamp = now, WindowStart = start });
            metrics.Add(new MetricRecord { Name = name + ".p_value", Value = p, Timestamp = now, WindowStart = start });
            var drifted = p < _options.AttributionDriftPValue;
            var severity = p < _options.AttributionDriftPValue / 10 ? AlertSeverity.Critical : AlertSeverity.Warning;
            _alerts.Update(name, drifted, severity, p, _options.AttributionDriftPValue, now, Format(
                $"{_model.Name}: attributions of '{_features[i]}' {(drifted ? "drifted" : "no longer drift")}: KS statistic {test.Statistic:G4}, p = {p:G3} (drift below {_options.AttributionDriftPValue:G3})."), alerts);
        }

        var change = _window.MeanComplexity - reference.MeanComplexity;
        _alerts.Update(ComplexityAlert, Math.Abs(change) >= _options.MaxComplexityChange, AlertSeverity.Warning, _window.MeanComplexity, _options.MaxComplexityChange, now, Format(
            $"{_model.Name}: explanation complexity (features carrying {_options.ComplexityMass:P0} of the attribution mass) is {_window.MeanComplexity:0.##}, reference {reference.MeanComplexity:0.##} (alert at a change of {_options.MaxComplexityChange:0.##})."), alerts);
    }

    private DateTimeOffset WindowStartOf(DateTimeOffset now)
    {
        var ticks = _options.CheckInterval.Ticks;
        var utc = now.UtcTicks;
        return new DateTimeOffset(utc - (utc % ticks), TimeSpan.Zero);
    }

    private static string Iso(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
