using ModelMonitoring.Alerting;

namespace ModelMonitoring.Channels;

/// <summary>Settings of the console alert channel, which writes one line per alert.</summary>
public sealed class ConsoleChannelOptions
{
    /// <summary>The name the channel gets when none is given: <c>console</c>.</summary>
    public const string DefaultName = "console";

    /// <summary>
    /// Gets or sets where the lines are written. Writes are serialised by the channel.
    /// The default value is <see langword="null"/>, meaning <see cref="Console.Out"/>.
    /// </summary>
    public TextWriter? Writer { get; set; }

    /// <summary>
    /// Gets or sets whether lines are coloured with ANSI escape codes: critical red, warning yellow,
    /// resolved green, information in the terminal's default colour. Colours are also off whenever
    /// the <c>NO_COLOR</c> environment variable is set to a non-empty value (see no-color.org).
    /// The default value is <see langword="true"/>.
    /// </summary>
    public bool UseColors { get; set; } = true;

    /// <summary>
    /// Gets or sets the lowest severity the channel receives by default, that is, for severities
    /// without an entry in <see cref="AlertingOptions.Routes"/> (an entry there takes precedence).
    /// The default value is <see cref="AlertSeverity.Info"/>.
    /// </summary>
    public AlertSeverity MinimumSeverity { get; set; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"ConsoleChannelOptions {{ Writer = {(Writer is null ? "Console.Out" : Writer.GetType().Name)}, UseColors = {UseColors}, MinimumSeverity = {MinimumSeverity} }}";
}
