using ModelMonitoring.Alerting;

namespace ModelMonitoring.Channels.Internal.Console;

/// <summary>Writes one line per alert to a <see cref="TextWriter"/>, coloured by severity unless colours are off.</summary>
internal sealed class ConsoleAlertChannel : IAlertChannel
{
    private readonly TextWriter? _writer;
    private readonly bool _colors;
    private readonly object _gate = new();

    public ConsoleAlertChannel(string name, ConsoleChannelOptions options)
        : this(name, options, System.Environment.GetEnvironmentVariable("NO_COLOR"))
    {
    }

    internal ConsoleAlertChannel(string name, ConsoleChannelOptions options, string? noColor)
    {
        Name = name;
        MinimumSeverity = options.MinimumSeverity;
        _writer = options.Writer;
        _colors = ConsoleLine.UseColors(options.UseColors, noColor);
    }

    public string Name { get; }

    public AlertSeverity MinimumSeverity { get; }

    public ValueTask SendAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        cancellationToken.ThrowIfCancellationRequested();
        var line = ConsoleLine.Format(alert, _colors);

        // Console.Out is read when writing, not when constructed, so redirecting the console later still works.
        var writer = _writer ?? System.Console.Out;
        lock (_gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }

        return ValueTask.CompletedTask;
    }
}
