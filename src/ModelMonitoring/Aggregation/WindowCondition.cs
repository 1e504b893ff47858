using System.Globalization;
using ModelMonitoring.Alerting;
using ModelMonitoring.Configuration;

namespace ModelMonitoring.Aggregation;

/// <summary>One condition on a window metric — a <see cref="MetricThreshold"/> or a metric <see cref="AlertRule"/> — with its learned baseline.</summary>
internal sealed class WindowCondition
{
    private readonly Func<double, double?, (double Limit, string Description)?> _check;
    private readonly double? _givenBaseline;
    private readonly int _baselineWindows;
    private double _learnedSum;
    private int _learnedCount;

    private WindowCondition(string name, string metric, MetricAggregation aggregation, AlertSeverity severity, double? baseline, int baselineWindows, Func<double, double?, (double, string)?> check)
    {
        Name = name;
        Metric = metric;
        Aggregation = aggregation;
        Severity = severity;
        _givenBaseline = baseline;
        _baselineWindows = baselineWindows;
        _check = check;
    }

    public string Name { get; }

    public string Metric { get; }

    /// <summary>Gets how a custom metric's values are summarised per window; not used for the built-in window metrics.</summary>
    public MetricAggregation Aggregation { get; }

    public AlertSeverity Severity { get; }

    public double? CurrentBaseline => _givenBaseline ?? (_learnedCount >= _baselineWindows ? _learnedSum / _learnedCount : null);

    public static WindowCondition From(MetricThreshold threshold) =>
        new("threshold." + threshold.Metric, threshold.Metric, threshold.Aggregation, threshold.Severity, threshold.Baseline, threshold.BaselineWindows, (value, baseline) =>
        {
            if (threshold.Max is { } max && value > max)
            {
                return (max, Describe($"is above its maximum {max:G6}"));
            }

            if (threshold.Min is { } min && value < min)
            {
                return (min, Describe($"is below its minimum {min:G6}"));
            }

            if (threshold.MaxChangeFromBaseline is { } change && baseline is { } b && Math.Abs(value - b) > change * Math.Abs(b))
            {
                return (change, Describe($"changed {RelativeChange(value, b):+0.#%;-0.#%} from its baseline {b:G6} (allowed ±{change:0.#%})"));
            }

            return null;
        });

    public static WindowCondition From(AlertRule rule)
    {
        var limit = rule.Value ?? 0;
        var compare = Comparison(rule.Operator);
        return new(rule.Name, rule.Metric, rule.Aggregation, rule.Severity ?? AlertSeverity.Warning, rule.Baseline, rule.BaselineWindows, (value, baseline) =>
        {
            double subject;
            switch (rule.Subject)
            {
                case RuleSubject.Value:
                    subject = value;
                    break;
                case RuleSubject.ChangeFromBaseline when baseline is { } b:
                    subject = RelativeChange(value, b);
                    break;
                case RuleSubject.AbsoluteChangeFromBaseline when baseline is { } b:
                    subject = Math.Abs(RelativeChange(value, b));
                    break;
                default:
                    return null; // the baseline is still being learned
            }

            if (!compare(subject, limit))
            {
                return null;
            }

            return rule.Subject == RuleSubject.Value
                ? (limit, Describe($"{rule.Operator} {limit:G6} (rule {rule.Name})"))
                : (limit, Describe($"changed {subject:+0.#%;-0.#%} from its baseline {baseline:G6}, {rule.Operator} {limit:0.#%} (rule {rule.Name})"));
        });
    }

    public (double Limit, string Description)? Check(double value, double? baseline) => _check(value, baseline);

    /// <summary>Takes over the baseline <paramref name="previous"/> learned when both watch the same metric the same way, so a reload does not restart learning.</summary>
    public void KeepBaselineOf(WindowCondition previous)
    {
        if (previous.Metric == Metric && previous.Aggregation == Aggregation && previous._baselineWindows == _baselineWindows && previous._givenBaseline is null && _givenBaseline is null)
        {
            _learnedSum = previous._learnedSum;
            _learnedCount = previous._learnedCount;
        }
    }

    public void Learn(double value)
    {
        if (_givenBaseline is null && _learnedCount < _baselineWindows)
        {
            _learnedSum += value;
            _learnedCount++;
        }
    }

    internal static Func<double, double, bool> Comparison(string op) => op switch
    {
        ">" => static (a, b) => a > b,
        "<" => static (a, b) => a < b,
        ">=" => static (a, b) => a >= b,
        "<=" => static (a, b) => a <= b,
        "==" => static (a, b) => a == b,
        "!=" => static (a, b) => a != b,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Use one of >, <, >=, <=, ==, !=."),
    };

    private static double RelativeChange(double value, double baseline) =>
        baseline == 0 ? (value == 0 ? 0 : double.PositiveInfinity * Math.Sign(value)) : (value - baseline) / Math.Abs(baseline);

    private static string Describe(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
