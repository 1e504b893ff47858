using ModelMonitoring.Aggregation;

namespace ModelMonitoring.Alerting;

/// <summary>
/// A condition that raises an alert: a window metric compared with a limit, or drift detected.
/// The condition must hold for <see cref="For"/> before the alert fires; when it clears the alert resolves.
/// Rules are declared in code through <see cref="AlertingOptions.Rules"/> or bound from configuration.
/// </summary>
/// <remarks>
/// Example (JSON configuration): <c>{ "Name": "error-rate-high", "Model": "fraud", "Metric": "error_rate", "Operator": "&gt;", "Value": 0.05, "For": "00:05:00", "Severity": "Critical" }</c>.
/// A drift rule names a drift signal as its metric: <c>drift.dataset</c> for dataset drift,
/// <c>drift.&lt;feature&gt;</c> for one feature, or <c>drift.*</c> for any; it has no operator or value.
/// </remarks>
public sealed class AlertRule
{
    /// <summary>Gets or sets the rule name, unique among rules; alerts the rule raises carry it as <see cref="Alert.Name"/>.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the model the rule applies to. The default value is <see langword="null"/>, for every model.</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets the environment the rule applies to. The default value is <see langword="null"/>, for every environment.</summary>
    public string? Environment { get; set; }

    /// <summary>
    /// Gets or sets the window metric (see <see cref="Aggregation.WindowMetricNames"/>), a custom metric the model declares with
    /// <see cref="Configuration.ModelOptions.CustomMetrics"/> (values recorded with <see cref="Recording.IModelMonitor.RecordMetric"/>),
    /// or the drift signal (<c>drift.dataset</c>, <c>drift.&lt;feature&gt;</c>, <c>drift.*</c>). Any other name fails at start-up.
    /// </summary>
    public string Metric { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets how a custom metric's recorded values are summarised into the one value per window that the rule compares.
    /// Only custom metrics take a setting other than the default; built-in window metrics already are one value per window.
    /// The default value is <see cref="MetricAggregation.Mean"/>: like the built-in rates and means (<c>error_rate</c>,
    /// <c>latency_mean_ms</c>) it weighs every value of the window alike, so neither the value that happened to arrive last
    /// nor a single outlier decides the window; choose <see cref="MetricAggregation.Max"/> to catch spikes.
    /// </summary>
    public MetricAggregation Aggregation { get; set; } = MetricAggregation.Mean;

    /// <summary>Gets or sets the comparison: one of <c>&gt;</c>, <c>&lt;</c>, <c>&gt;=</c>, <c>&lt;=</c>, <c>==</c>, <c>!=</c>. Not used by drift rules. The default value is <c>&gt;</c>.</summary>
    public string Operator { get; set; } = ">";

    /// <summary>Gets or sets the limit the compared quantity is checked against. Required for metric rules.</summary>
    public double? Value { get; set; }

    /// <summary>Gets or sets what is compared with <see cref="Value"/>. The default value is <see cref="RuleSubject.Value"/>.</summary>
    public RuleSubject Subject { get; set; } = RuleSubject.Value;

    /// <summary>
    /// Gets or sets the baseline for <see cref="RuleSubject.ChangeFromBaseline"/> rules. When <see langword="null"/>,
    /// the baseline is the mean of the first <see cref="BaselineWindows"/> windows. The default value is <see langword="null"/>.
    /// </summary>
    public double? Baseline { get; set; }

    /// <summary>Gets or sets how many windows a learned baseline averages; from 1 to 10,000. The default value is 3.</summary>
    public int BaselineWindows { get; set; } = 3;

    /// <summary>Gets or sets how long the condition must hold before the alert fires. The default value is zero (fire at once).</summary>
    public TimeSpan For { get; set; }

    /// <summary>
    /// Gets or sets the severity of the alerts the rule raises. The default value is <see langword="null"/>:
    /// <see cref="AlertSeverity.Warning"/> for metric rules; for drift rules, the severity of the drift
    /// event (critical when p &lt; 0.01).
    /// </summary>
    public AlertSeverity? Severity { get; set; }

    /// <summary>Returns whether the rule is scoped to this model and environment (an empty scope matches all).</summary>
    internal bool AppliesTo(string model, string environment) =>
        (Model is null || Model == model) && (Environment is null || Environment == environment);

    /// <summary>Whether two rules are identical in every setting (a copy from binding the same configuration twice).</summary>
    internal static bool Same(AlertRule a, AlertRule b) =>
        ReferenceEquals(a, b)
        || (a.Name == b.Name && a.Model == b.Model && a.Environment == b.Environment && a.Metric == b.Metric && a.Aggregation == b.Aggregation
            && a.Operator == b.Operator && Nullable.Equals(a.Value, b.Value) && a.Subject == b.Subject && Nullable.Equals(a.Baseline, b.Baseline)
            && a.BaselineWindows == b.BaselineWindows && a.For == b.For && a.Severity == b.Severity);

    /// <summary>A copy with every setting, so that a rule held by the alert manager cannot be changed from outside.</summary>
    internal AlertRule Clone() => (AlertRule)MemberwiseClone();

    internal bool IsDriftRule => Metric.StartsWith(AlertRuleConstants.DriftPrefix, StringComparison.Ordinal);
}
