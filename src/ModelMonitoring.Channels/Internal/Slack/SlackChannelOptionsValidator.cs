using Microsoft.Extensions.Options;
using ModelMonitoring.Channels.Internal.Registration;

namespace ModelMonitoring.Channels.Internal.Slack;

/// <summary>Checks the options of every registered Slack channel; reports every error at once.</summary>
internal sealed class SlackChannelOptionsValidator(ChannelNameRegistry channels) : IValidateOptions<SlackChannelOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!channels.Contains(name, ChannelKinds.Slack))
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = new OptionsErrors(nameof(SlackChannelOptions), name);
        errors.HttpUrl(nameof(options.WebhookUrl), options.WebhookUrl, "the incoming-webhook URL Slack issued (https://hooks.slack.com/services/…)");
        errors.Delivery(options);
        return errors.Result();
    }
}
