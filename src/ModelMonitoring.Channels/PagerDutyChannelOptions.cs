using ModelMonitoring.Channels.Internal;

namespace ModelMonitoring.Channels;

/// <summary>
/// Settings of the PagerDuty channel, which sends each alert to the PagerDuty Events API v2:
/// a firing alert triggers an incident, an acknowledged one acknowledges it, a resolved one resolves it.
/// </summary>
/// <remarks>
/// The routing key is a credential: it never appears in logs, exception messages or <see cref="ToString"/>.
/// </remarks>
public sealed class PagerDutyChannelOptions : ChannelDeliveryOptions
{
    /// <summary>The name the channel gets when none is given: <c>pagerduty</c>.</summary>
    public const string DefaultName = "pagerduty";

    /// <summary>Initializes a new instance, with <see cref="ChannelDeliveryOptions.MinimumSeverity"/> at <see cref="Alerting.AlertSeverity.Critical"/>.</summary>
    public PagerDutyChannelOptions()
        : base(Alerting.AlertSeverity.Critical)
    {
    }

    /// <summary>
    /// Gets or sets the integration (routing) key of an Events API v2 integration: 32 characters.
    /// There is no default: it must be set.
    /// </summary>
    public string? RoutingKey { get; set; }

    /// <summary>
    /// Gets or sets the enqueue endpoint: absolute, <c>http</c> or <c>https</c>.
    /// The default value is <c>https://events.pagerduty.com/v2/enqueue</c>.
    /// </summary>
    public Uri EventsUrl { get; set; } = new("https://events.pagerduty.com/v2/enqueue");

    /// <summary>
    /// Gets or sets <c>payload.source</c>, the place the problem is, preferably a host name.
    /// Not empty, at most 255 characters. The default value is the machine's name.
    /// </summary>
    public string Source { get; set; } = System.Environment.MachineName;

    /// <summary>
    /// Gets or sets <c>client</c>, the name of the monitoring tool shown with the incident.
    /// The default value is <c>ModelMonitoring</c>.
    /// </summary>
    public string Client { get; set; } = "ModelMonitoring";

    /// <summary>Gets or sets the PagerDuty severity of critical alerts. The default value is <see cref="PagerDutySeverity.Critical"/>.</summary>
    public PagerDutySeverity CriticalSeverity { get; set; } = PagerDutySeverity.Critical;

    /// <summary>Gets or sets the PagerDuty severity of warnings. The default value is <see cref="PagerDutySeverity.Warning"/>.</summary>
    public PagerDutySeverity WarningSeverity { get; set; } = PagerDutySeverity.Warning;

    /// <summary>Gets or sets the PagerDuty severity of informational alerts. The default value is <see cref="PagerDutySeverity.Info"/>.</summary>
    public PagerDutySeverity InfoSeverity { get; set; } = PagerDutySeverity.Info;

    /// <inheritdoc/>
    public override string ToString() =>
        $"PagerDutyChannelOptions {{ RoutingKey = {Redaction.Secret(RoutingKey)}, EventsUrl = {Redaction.Url(EventsUrl)}, Source = {Source}, " +
        $"Client = {Client}, CriticalSeverity = {CriticalSeverity}, WarningSeverity = {WarningSeverity}, InfoSeverity = {InfoSeverity}, {DeliveryToString()} }}";
}
