using Microsoft.Extensions.Options;
using ModelMonitoring.Channels.Internal.Registration;

namespace ModelMonitoring.Channels.Internal.Console;

/// <summary>Checks the options of every registered console channel.</summary>
internal sealed class ConsoleChannelOptionsValidator(ChannelNameRegistry channels) : IValidateOptions<ConsoleChannelOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsoleChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!channels.Contains(name, ChannelKinds.Console))
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = new OptionsErrors(nameof(ConsoleChannelOptions), name);
        errors.MinimumSeverity(options.MinimumSeverity);
        return errors.Result();
    }
}
