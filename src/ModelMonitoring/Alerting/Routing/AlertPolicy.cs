namespace ModelMonitoring.Alerting;

/// <summary>
/// Suppression and escalation for the alerts whose name matches one entry of <see cref="AlertingOptions.Policies"/>,
/// such as <c>model_failure</c> at most 3 notifications per hour. A part left <see langword="null"/> is the
/// global one: <see cref="AlertingOptions.Suppression"/> or <see cref="AlertingOptions.Escalation"/>.
/// </summary>
public sealed class AlertPolicy
{
    /// <summary>
    /// Gets or sets the cap on notifications per alert name and severity for the matching alerts; <see cref="SuppressionOptions.MaxNotifications"/>
    /// from 1 to 1,000,000. A member not set takes <see cref="SuppressionOptions"/>' default, not the global value.
    /// The default value is <see langword="null"/>: <see cref="AlertingOptions.Suppression"/>.
    /// </summary>
    public SuppressionOptions? Suppression { get; set; }

    /// <summary>
    /// Gets or sets the escalation levels of the matching alerts, in place of <see cref="AlertingOptions.Escalation"/>;
    /// an empty list set in code turns escalation off for them. The default value is <see langword="null"/>: <see cref="AlertingOptions.Escalation"/>.
    /// </summary>
    public IList<EscalationLevel>? Escalation { get; set; }
}
