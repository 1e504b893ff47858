using Microsoft.Extensions.Options;
using ModelMonitoring.Channels.Internal.Registration;

namespace ModelMonitoring.Channels.Internal.Webhook;

/// <summary>Checks the options of every registered webhook channel; reports every error at once.</summary>
internal sealed class WebhookChannelOptionsValidator(ChannelNameRegistry channels) : IValidateOptions<WebhookChannelOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!channels.Contains(name, ChannelKinds.Webhook))
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = new OptionsErrors(nameof(WebhookChannelOptions), name);
        errors.HttpUrl(nameof(options.Url), options.Url, "https://alerts.example.com/hooks/model-monitoring");
        errors.Secret(nameof(options.Secret), options.Secret, "the signing secret shared with the receiver (at least 32 random characters are recommended)");
        if (options.SecondarySecret is { } secondary)
        {
            if (string.IsNullOrWhiteSpace(secondary))
            {
                errors.Add(nameof(options.SecondarySecret), "is empty or blank, which is not allowed; set the second signing secret during a rotation, or leave it null.");
            }
            else if (secondary == options.Secret)
            {
                errors.Add(nameof(options.SecondarySecret), "equals Secret, which is not allowed; set the other secret of the rotation, or leave it null.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.SignatureHeaderName) || !IsToken(options.SignatureHeaderName))
        {
            errors.Add(nameof(options.SignatureHeaderName), $"'{options.SignatureHeaderName}' is not allowed; use an HTTP header name of letters, digits and '-', such as {WebhookSignature.DefaultHeaderName}.");
        }

        errors.Delivery(options);
        return errors.Result();
    }

    private static bool IsToken(string name) => name.All(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
