using System.Globalization;
using ModelMonitoring.Alerting;
using ModelMonitoring.Configuration;

namespace ModelMonitoring.Aggregation;

/// <summary>
/// Checks each closed window of one model against its thresholds and metric rules and reports, for
/// every condition whose metric the window has, whether it holds (an observation with state
/// <see cref="AlertState.Firing"/>) or not (<see cref="AlertState.Resolved"/>). The alert manager
/// turns observations into alerts; reporting every window lets it resolve alerts restored after a restart.
/// </summary>
internal sealed class ThresholdEvaluator
{
    private readonly ModelSchema _model;
    private readonly WindowCondition[] _conditions;

    public ThresholdEvaluator(ModelSchema model, IReadOnlyList<MetricThreshold> thresholds, IEnumerable<AlertRule>? rules = null)
    {
        _model = model;
        var metricRules = (rules ?? []).Where(r => !r.IsDriftRule && r.AppliesTo(model.Name, model.Environment));
        _conditions = [.. thresholds.Select(WindowCondition.From), .. metricRules.Select(WindowCondition.From)];
    }

    public void Evaluate(IReadOnlyDictionary<string, double> windowMetrics, DateTimeOffset windowEnd, List<Alert> observations)
    {
        foreach (var condition in _conditions)
        {
            if (!windowMetrics.TryGetValue(condition.Metric, out var value))
            {
                continue;
            }

            var baseline = condition.CurrentBaseline;
            var violation = condition.Check(value, baseline);
            condition.Learn(value);
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
                Message = string.Create(CultureInfo.InvariantCulture, $"{_model.Name}: {condition.Metric} = {value:G6} {violation?.Description ?? "is back within its limits"}."),
            });
        }
    }
}
