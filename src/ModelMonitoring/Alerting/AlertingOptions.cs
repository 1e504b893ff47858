using ModelMonitoring.Configuration;

namespace ModelMonitoring.Alerting;

/// <summary>
/// How alerts are raised and delivered: rules, repeat interval, suppression, silences, escalation and
/// routing by severity. Part of <see cref="ModelMonitoringOptions"/>; bindable from configuration
/// (see <c>AddAlerting(IConfiguration)</c>) and validated at start-up.
/// </summary>
/// <remarks>
/// The semantics follow Prometheus Alertmanager: a condition that keeps holding is one alert, which
/// notifies again only after <see cref="RepeatInterval"/>; its resolution notifies once.
/// </remarks>
public sealed class AlertingOptions
{
    /// <summary>Gets the rules, in addition to the thresholds declared on each model.</summary>
    public IList<AlertRule> Rules { get; } = new DistinctCollection<AlertRule>(AlertRule.Same);

    /// <summary>Gets or sets how long a still-firing, unacknowledged alert waits before it notifies again. The default value is 4 hours.</summary>
    public TimeSpan RepeatInterval { get; set; } = AlertRuleConstants.RepeatInterval;

    /// <summary>Gets the cap on notifications per alert name and severity.</summary>
    public SuppressionOptions Suppression { get; } = new();

    /// <summary>Gets silences known at start-up; more can be added at run time through <see cref="IAlertManager.AddSilenceAsync"/>.</summary>
    public IList<Silence> Silences { get; } = new DistinctCollection<Silence>(static (a, b) => a == b);

    /// <summary>Gets the escalation policy: levels reached while an alert stays firing unacknowledged. The default value is empty (no escalation).</summary>
    public IList<EscalationLevel> Escalation { get; } = new DistinctCollection<EscalationLevel>(EscalationLevel.Same);

    /// <summary>
    /// Gets suppression and escalation per alert name pattern: an exact name (<c>model_failure</c>) or a prefix
    /// ending in <c>*</c> (<c>drift.*</c>). For an alert, an exact name takes precedence over the longest matching
    /// prefix, which takes precedence over the global <see cref="Suppression"/> and <see cref="Escalation"/>; a
    /// policy that leaves a part <see langword="null"/> takes the global one. The default value is empty.
    /// </summary>
    /// <example>
    /// <code>
    /// options.Policies["model_failure"] = new AlertPolicy { Suppression = new() { MaxNotifications = 3, Window = TimeSpan.FromHours(1) } };
    /// options.Policies["performance_degradation"] = new AlertPolicy { Suppression = new() { MaxNotifications = 5, Window = TimeSpan.FromMinutes(30) } };
    /// </code>
    /// </example>
    public IDictionary<string, AlertPolicy> Policies { get; } = new Dictionary<string, AlertPolicy>(StringComparer.Ordinal);

    /// <summary>
    /// Gets the channel names each severity is sent to. An entry takes precedence over the channels'
    /// own defaults: it names exactly the channels of that severity. A severity without an entry uses
    /// the default route: every channel whose <see cref="IAlertChannel.MinimumSeverity"/> the severity
    /// reaches (the packaged Slack channel starts at warnings, email and PagerDuty at critical alerts,
    /// other channels take every severity).
    /// </summary>
    public IDictionary<AlertSeverity, IList<string>> Routes { get; } = new Dictionary<AlertSeverity, IList<string>>();

    /// <summary>Gets or sets how many notifications each channel's queue holds before new ones are dropped (and counted). From 1 to 1,000,000. The default value is 1,000.</summary>
    public int ChannelQueueCapacity { get; set; } = 1_000;
}
