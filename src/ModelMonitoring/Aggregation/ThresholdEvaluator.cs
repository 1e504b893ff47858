using System.Globalization;
using ModelMonitoring.Alerting;
using ModelMonitoring.Configuration;

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
    private readonly ModelSchema _model;
    private readonly WindowCondition[] _conditions;

    // Per condition: the slot of its custom metric in the window's summaries, or -1 for a built-in window metric.
    private readonly int[] _customSlots;

    public ThresholdEvaluator(ModelSchema model, IReadOnlyList<MetricThreshold> thresholds, IEnumerable<AlertRule>? rules = null, IReadOnlyList<string>? customMetrics = null)
    {
        _model = model;
        CustomMetrics = customMetrics ?? [];
        var metricRules = (rules ?? []).Where(r => !r.IsDriftRule && r.AppliesTo(model.Name, model.Environment));
        WindowCondition[] conditions = [.. thresholds.Select(WindowCondition.From), .. metricRules.Select(WindowCondition.From)];

        // A rule scoped to several models may name a custom metric only some of them declare (start-up validation
        // requires at least one); for the others it can never have a value, so it is left out here.
        var slots = conditions.Select(c => WindowMetricNames.IsWindowMetric(c.Metric) ? -1 : IndexOf(CustomMetrics, c.Metric)).ToArray();
        _conditions = [.. conditions.Where((_, i) => slots[i] != int.MinValue)];
        _customSlots = [.. slots.Where(s => s != int.MinValue)];
    }

    /// <summary>Gets the model's declared custom metric names; the window aggregator summarises their values in this order.</summary>
    public IReadOnlyList<string> CustomMetrics { get; }

    public void Evaluate(IReadOnlyDictionary<string, double> windowMetrics, DateTimeOffset windowEnd, List<Alert> observations) =>
        Evaluate(windowMetrics, [], windowEnd, observations);

    public void Evaluate(IReadOnlyDictionary<string, double> windowMetrics, ReadOnlySpan<CustomMetricWindow> customMetrics, DateTimeOffset windowEnd, List<Alert> observations)
    {
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

    private static string NameOf(MetricAggregation aggregation) => aggregation switch
    {
        MetricAggregation.Last => "last",
        MetricAggregation.Min => "min",
        MetricAggregation.Max => "max",
        MetricAggregation.Sum => "sum",
        MetricAggregation.Count => "count",
        _ => "mean",
    };

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
