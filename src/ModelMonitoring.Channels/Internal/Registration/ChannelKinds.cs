namespace ModelMonitoring.Channels.Internal.Registration;

/// <summary>The kinds of channel, as named in registration errors.</summary>
internal static class ChannelKinds
{
    public const string Console = "console";
    public const string Webhook = "webhook";
    public const string Slack = "Slack";
    public const string PagerDuty = "PagerDuty";
    public const string Email = "email";
}
