using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;

namespace ModelMonitoring.Configuration;

/// <summary>
/// Limits on a window metric of one model. When a closed window's value crosses a limit an alert
/// fires; when a later window is back within every limit the alert resolves.
/// </summary>
public sealed class MetricThreshold
{
    internal MetricThreshold(string metric) => Metric = metric;

    /// <summary>Gets the window metric the limits apply to (see <see cref="WindowMetricNames"/>), or a custom metric the model declares with <see cref="ModelOptions.CustomMetrics"/>.</summary>
    public string Metric { get; }

    /// <summary>
    /// Gets or sets how a custom metric's recorded values are summarised into one value per window; see <see cref="AlertRule.Aggregation"/>.
    /// Only custom metrics take a setting other than the default. The default value is <see cref="MetricAggregation.Mean"/>.
    /// </summary>
    public MetricAggregation Aggregation { get; set; } = MetricAggregation.Mean;

    /// <summary>Gets or sets the lowest acceptable value. The default value is <see langword="null"/> (no minimum).</summary>
    public double? Min { get; set; }

    /// <summary>Gets or sets the highest acceptable value. The default value is <see langword="null"/> (no maximum).</summary>
    public double? Max { get; set; }

    /// <summary>
    /// Gets or sets the largest acceptable relative change from the baseline, in either direction:
    /// 0.5 allows values from half to one and a half times the baseline.
    /// The default value is <see langword="null"/> (no baseline check).
    /// </summary>
    public double? MaxChangeFromBaseline { get; set; }

    /// <summary>
    /// Gets or sets the baseline. When <see langword="null"/>, the baseline is the mean of the first
    /// <see cref="BaselineWindows"/> windows that have the metric. The default value is <see langword="null"/>.
    /// </summary>
    public double? Baseline { get; set; }

    /// <summary>Gets or sets how many windows a learned baseline averages. The default value is 3.</summary>
    public int BaselineWindows { get; set; } = 3;

    /// <summary>Gets or sets the severity of alerts this threshold raises. The default value is <see cref="AlertSeverity.Warning"/>.</summary>
    public AlertSeverity Severity { get; set; } = AlertSeverity.Warning;
}
