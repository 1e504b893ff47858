using Microsoft.Extensions.Options;
using ModelMonitoring.Channels.Internal.Registration;

namespace ModelMonitoring.Channels.Internal.PagerDuty;

/// <summary>Checks the options of every registered PagerDuty channel; reports every error at once.</summary>
internal sealed class PagerDutyChannelOptionsValidator(ChannelNameRegistry channels) : IValidateOptions<PagerDutyChannelOptions>
{
    private const int RoutingKeyLength = 32;
    private const int MaxSourceLength = 255;

    public ValidateOptionsResult Validate(string? name, PagerDutyChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!channels.Contains(name, ChannelKinds.PagerDuty))
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = new OptionsErrors(nameof(PagerDutyChannelOptions), name);
        const string KeyAllowed = "use the 32-character integration key of an Events API v2 integration";
        if (string.IsNullOrWhiteSpace(options.RoutingKey))
        {
            errors.Add(nameof(options.RoutingKey), $"must be set; {KeyAllowed}.");
        }
        else if (options.RoutingKey.Length != RoutingKeyLength || !options.RoutingKey.All(char.IsAsciiLetterOrDigit))
        {
            // The length is safe to say; the key is not.
            errors.Add(nameof(options.RoutingKey), $"the key set has {options.RoutingKey.Length} characters{(options.RoutingKey.All(char.IsAsciiLetterOrDigit) ? string.Empty : ", not all letters and digits")}, which is not allowed; {KeyAllowed}.");
        }

        errors.HttpUrl(nameof(options.EventsUrl), options.EventsUrl, "https://events.pagerduty.com/v2/enqueue");
        if (string.IsNullOrWhiteSpace(options.Source) || options.Source.Length > MaxSourceLength)
        {
            errors.Add(nameof(options.Source), $"must be 1 to {MaxSourceLength} characters, such as the host name; it is {(string.IsNullOrWhiteSpace(options.Source) ? "empty" : $"{options.Source.Length} characters")}.");
        }

        if (string.IsNullOrWhiteSpace(options.Client))
        {
            errors.Add(nameof(options.Client), "must be set, such as ModelMonitoring.");
        }

        foreach (var (setting, value) in new[]
        {
            (nameof(options.CriticalSeverity), options.CriticalSeverity),
            (nameof(options.WarningSeverity), options.WarningSeverity),
            (nameof(options.InfoSeverity), options.InfoSeverity),
        })
        {
            if (!Enum.IsDefined(value))
            {
                errors.Add(setting, $"{value} is not allowed; use Critical, Error, Warning or Info.");
            }
        }

        errors.Delivery(options);
        return errors.Result();
    }
}
