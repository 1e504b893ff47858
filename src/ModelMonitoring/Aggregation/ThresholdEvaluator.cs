using System.Globalization;
using ModelMonitoring.Alerting;
using ModelMonitoring.Configuration;

namespace ModelMonitoring.Aggregation;

/// <summary>
/// Checks closed windows against one model's thresholds. An alert fires when a window crosses a
/// limit while the threshold is not already firing, and resolves at the first window back within
/// every limit, so a lasting degradation raises one alert, not one per window.
/// </summary>
internal sealed class ThresholdEvaluator
{
    private readonly ModelSchema _model;
    private readonly State[] _states;

    public ThresholdEvaluator(ModelSchema model, IReadOnlyList<MetricThreshold> thresholds)
    {
        _model = model;
        _states = [.. thresholds.Select(t => new State(t))];
    }

    public void Evaluate(IReadOnlyDictionary<string, double> windowMetrics, DateTimeOffset windowEnd, List<Alert> alerts)
    {
        foreach (var state in _states)
        {
            var threshold = state.Threshold;
            if (!windowMetrics.TryGetValue(threshold.Metric, out var value))
            {
                continue;
            }

            var baseline = state.CurrentBaseline;
            var violation = FindViolation(threshold, value, baseline);
            state.Learn(value);
            if (violation is { } v && !state.Firing)
            {
                state.Firing = true;
                alerts.Add(CreateAlert(threshold, AlertState.Firing, value, v.Limit, baseline, windowEnd, v.Description));
            }
            else if (violation is null && state.Firing)
            {
                state.Firing = false;
                alerts.Add(CreateAlert(threshold, AlertState.Resolved, value, null, baseline, windowEnd, "is back within its limits"));
            }
        }
    }

    private static (double Limit, string Description)? FindViolation(MetricThreshold threshold, double value, double? baseline)
    {
        if (threshold.Max is { } max && value > max)
        {
            return (max, string.Create(CultureInfo.InvariantCulture, $"is above its maximum {max:G6}"));
        }

        if (threshold.Min is { } min && value < min)
        {
            return (min, string.Create(CultureInfo.InvariantCulture, $"is below its minimum {min:G6}"));
        }

        if (threshold.MaxChangeFromBaseline is { } change && baseline is { } b && Math.Abs(value - b) > change * Math.Abs(b))
        {
            var relative = b == 0 ? double.PositiveInfinity : (value - b) / Math.Abs(b);
            return (change, string.Create(CultureInfo.InvariantCulture, $"changed {relative:+0.#%;-0.#%} from its baseline {b:G6} (allowed ±{change:0.#%})"));
        }

        return null;
    }

    private Alert CreateAlert(MetricThreshold threshold, AlertState state, double value, double? limit, double? baseline, DateTimeOffset at, string description) => new()
    {
        Model = _model.Name,
        Version = _model.Version,
        Environment = _model.Environment,
        Name = "threshold." + threshold.Metric,
        Severity = threshold.Severity,
        State = state,
        Metric = threshold.Metric,
        Value = value,
        Threshold = limit,
        Baseline = baseline,
        Timestamp = at,
        Message = string.Create(CultureInfo.InvariantCulture, $"{_model.Name}: {threshold.Metric} = {value:G6} {description}."),
    };

    private sealed class State(MetricThreshold threshold)
    {
        private double _learnedSum;
        private int _learnedCount;

        public MetricThreshold Threshold { get; } = threshold;

        public bool Firing { get; set; }

        public double? CurrentBaseline => Threshold.Baseline
            ?? (_learnedCount >= Threshold.BaselineWindows ? _learnedSum / _learnedCount : null);

        public void Learn(double value)
        {
            if (Threshold.Baseline is null && _learnedCount < Threshold.BaselineWindows)
            {
                _learnedSum += value;
                _learnedCount++;
            }
        }
    }
}
