using ModelMonitoring.Channels.Internal;

namespace ModelMonitoring.Channels;

/// <summary>
/// Settings of the Slack channel, which posts each alert to a Slack incoming webhook as a message
/// with a coloured attachment.
/// </summary>
/// <remarks>
/// The webhook URL is a credential (anyone who has it can post to the channel): it never appears in
/// logs, exception messages or <see cref="ToString"/>.
/// </remarks>
public sealed class SlackChannelOptions : ChannelDeliveryOptions
{
    /// <summary>The name the channel gets when none is given: <c>slack</c>.</summary>
    public const string DefaultName = "slack";

    /// <summary>Initializes a new instance, with <see cref="ChannelDeliveryOptions.MinimumSeverity"/> at <see cref="Alerting.AlertSeverity.Warning"/>.</summary>
    public SlackChannelOptions()
        : base(Alerting.AlertSeverity.Warning)
    {
    }

    /// <summary>
    /// Gets or sets the incoming-webhook URL Slack issued, such as
    /// <c>https://hooks.slack.com/services/T000/B000/XXXX</c>: absolute, <c>http</c> or <c>https</c>.
    /// There is no default: it must be set.
    /// </summary>
    public Uri? WebhookUrl { get; set; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"SlackChannelOptions {{ WebhookUrl = {Redaction.Url(WebhookUrl)}, {DeliveryToString()} }}";
}
