using System.Globalization;
using ModelMonitoring.Alerting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelMonitoring.Configuration;
using ModelMonitoring.Internal;

namespace ModelMonitoring.Aggregation;

/// <summary>
/// Checks each closed window of one model against its thresholds and metric rules and reports, for
/// every condition whose metric the window has, whether it holds (an observation with state
/// <see cref="AlertState.Firing"/>) or not (<see cref="AlertState.Resolved"/>). The alert manager
/// turns observations into alerts; reporting every window lets it resolve alerts restored after a restart.
/// A condition's metric is a built-in window metric or one of the model's declared custom metrics,
/// summarised per window by the condition's <see cref="MetricAggregation"/>.
/// </summary>
internal sealed class ThresholdEvaluator
{
    /// <summary>Closed windows without a value of a watched custom metric after which a misspelt or missing RecordMetric is reported.</summary>
    internal const int MissingCustomMetricWindows = 10;

    private readonly ModelSchema _model;
    private readonly ILogger _logger;

    // Per custom metric slot: windows closed before its first value; -1 once it had one or was reported (each is reported once).
    private readonly int[] _windowsWithoutValue;

    // Read and replaced only by the worker, in Evaluate; a reload publishes its conditions in _reloaded instead.
    private WindowCondition[] _conditions;

    // Per condition: the slot of its custom metric in the window's summaries, or -1 for a built-in window metric.
    private int[] _customSlots;

    private ConditionSet? _reloaded;

    // The inputs of the latest set, so that thresholds (configuration reload) and rules (also changed at run time
    // through the alert manager) can be replaced one without the other; guarded by _reloadGate.
    private readonly object _reloadGate = new();
    private IReadOnlyList<MetricThreshold> _thresholds;
    private IEnumerable<AlertRule> _rules;

    public ThresholdEvaluator(ModelSchema model, IReadOnlyList<MetricThreshold> thresholds, IEnumerable<AlertRule>? rules = null, IReadOnlyList<string>? customMetrics = null, ILogger? logger = null)
    {
        _model = model;
        _logger = logger ?? NullLogger.Instance;
        CustomMetrics = customMetrics ?? [];
        _thresholds = thresholds;
        _rules = rules ?? [];
        (_conditions, _customSlots) = Build(thresholds, _rules);
        _windowsWithoutValue = [.. CustomMetrics.Select((_, slot) => _customSlots.Contains(slot) ? 0 : -1)];
    }

    /// <summary>
    /// Replaces the thresholds and rules from the next window evaluated (configuration reload). Conditions are
    /// rebuilt by the caller's thread and handed over whole, so the worker never sees a half-built set; a
    /// condition that keeps its name, metric and baseline settings keeps its learned baseline. Custom metrics
    /// are fixed at start, so a condition on one declared only by the reload is left out until a restart.
    /// </summary>
    public void Reload(IReadOnlyList<MetricThreshold> thresholds, IEnumerable<AlertRule> rules)
    {
        lock (_reloadGate)
        {
            (_thresholds, _rules) = (thresholds, rules);
            Volatile.Write(ref _reloaded, Build(thresholds, rules));
        }
    }

    /// <summary>Replaces the thresholds from the next window evaluated, keeping the rules (see <see cref="Reload"/>).</summary>
    public void ReloadThresholds(IReadOnlyList<MetricThreshold> thresholds)
    {
        lock (_reloadGate)
        {
            Reload(thresholds, _rules);
        }
    }

    /// <summary>Replaces the rules from the next window evaluated, keeping the thresholds: rules added, changed or withdrawn at run time.</summary>
    public void ReloadRules(IEnumerable<AlertRule> rules)
    {
        lock (_reloadGate)
        {
            Reload(_thresholds, rules);
        }
    }

    private ConditionSet Build(IReadOnlyList<MetricThreshold> thresholds, IEnumerable<AlertRule> rules)
    {
        var metricRules = rules.Where(r => !r.IsDriftRule && r.AppliesTo(_model.Name, _model.Environment));
        WindowCondition[] conditions = [.. thresholds.Select(WindowCondition.From), .. metricRules.Select(WindowCondition.From)];

        // A rule scoped to several models may name a custom metric only some of them declare (start-up validation
        // requires at least one); for the others it can never have a value, so it is left out here.
        var slots = conditions.Select(c => WindowMetricNames.IsWindowMetric(c.Metric) ? -1 : IndexOf(CustomMetrics, c.Metric)).ToArray();
        return new([.. conditions.Where((_, i) => slots[i] != int.MinValue)], [.. slots.Where(s => s != int.MinValue)]);
    }

    private void TakeReloaded()
    {
        if (Interlocked.Exchange(ref _reloaded, null) is not { } reloaded)
        {
            return;
        }

        foreach (var condition in reloaded.Conditions)
        {
            if (Array.Find(_conditions, c => c.Name == condition.Name) is { } previous)
            {
                condition.KeepBaselineOf(previous);
            }
        }

        (_conditions, _customSlots) = reloaded;
    }

    /// <summary>Gets the model's declared custom metric names; the window aggregator summarises their values in this order.</summary>
    public IReadOnlyList<string> CustomMetrics { get; }

    public void Evaluate(IReadOnlyDictionary<string, double> windowMetrics, DateTimeOffset windowEnd, List<Alert> observations) =>
        Evaluate(windowMetrics, [], windowEnd, observations);

    public void Evaluate(IReadOnlyDictionary<string, double> windowMetrics, ReadOnlySpan<CustomMetricWindow> customMetrics, DateTimeOffset windowEnd, List<Alert> observations)
    {
        TakeReloaded();
        WatchForMissingCustomMetrics(customMetrics);
        for (var i = 0; i < _conditions.Length; i++)
        {
            var condition = _conditions[i];
            var slot = _customSlots[i];
            double value;
            if (slot < 0 ? !windowMetrics.TryGetValue(condition.Metric, out value) : slot >= customMetrics.Length || !customMetrics[slot].TryGet(condition.Aggregation, out value))
            {
                continue;
            }

            var baseline = condition.CurrentBaseline;
            var violation = condition.Check(value, baseline);
            condition.Learn(value);
            var measured = slot < 0 ? condition.Metric : string.Create(CultureInfo.InvariantCulture, $"{condition.Metric} ({NameOf(condition.Aggregation)})");
            observations.Add(new Alert
            {
                Model = _model.Name,
                Version = _model.Version,
                Environment = _model.Environment,
                Name = condition.Name,
                Severity = condition.Severity,
                State = violation is null ? AlertState.Resolved : AlertState.Firing,
                Metric = condition.Metric,
                Value = value,
                Threshold = violation?.Limit,
                Baseline = baseline,
                Timestamp = windowEnd,
                Message = string.Create(CultureInfo.InvariantCulture, $"{_model.Name}: {measured} = {value:G6} {violation?.Description ?? "is back within its limits"}."),
            });
        }
    }

    /// <summary>
    /// Start-up validation proves a watched custom metric is declared, not that the application records it: a name
    /// misspelt at the RecordMetric call would leave its rules silent for ever, so that case is logged once.
    /// </summary>
    private void WatchForMissingCustomMetrics(ReadOnlySpan<CustomMetricWindow> customMetrics)
    {
        for (var slot = 0; slot < _windowsWithoutValue.Length; slot++)
        {
            if (_windowsWithoutValue[slot] < 0)
            {
                continue;
            }

            if (slot < customMetrics.Length && customMetrics[slot].Count > 0)
            {
                _windowsWithoutValue[slot] = -1;
            }
            else if (++_windowsWithoutValue[slot] == MissingCustomMetricWindows)
            {
                _windowsWithoutValue[slot] = -1;
                var metric = CustomMetrics[slot];
                var conditions = string.Join(", ", _conditions.Where(c => c.Metric == metric).Select(c => c.Name));
                Log.CustomMetricMissing(_logger, _model.Name, metric, MissingCustomMetricWindows, conditions);
            }
        }
    }

    private static string NameOf(MetricAggregation aggregation) => aggregation switch
    {
        MetricAggregation.Last => "last",
        MetricAggregation.Min => "min",
        MetricAggregation.Max => "max",
        MetricAggregation.Sum => "sum",
        MetricAggregation.Count => "count",
        _ => "mean",
    };

    private sealed record ConditionSet(WindowCondition[] Conditions, int[] Slots);

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return int.MinValue;
    }
}
