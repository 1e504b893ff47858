using ModelMonitoring.Alerting;

namespace FraudDetection;

/// <summary>
/// Prints each alert as one line, with the time since the run started: the alert's message already
/// names the measured value and its limit, so the line adds only the severity, state and rule.
/// Colours only on a terminal (not when the output is redirected) and when <c>NO_COLOR</c> is unset.
/// </summary>
internal sealed class SampleAlertChannel(TimeProvider time, bool colors) : IAlertChannel
{
    private readonly object _gate = new();

    public string Name => "console";

    /// <summary>Gets or sets when the run started; times are printed relative to it.</summary>
    public DateTimeOffset Started { get; set; }

    public ValueTask SendAsync(Alert alert, CancellationToken cancellationToken)
    {
        var color = !colors ? null : alert.State == AlertState.Resolved ? "\u001b[32m" : alert.Severity switch
        {
            AlertSeverity.Critical => "\u001b[31m",
            AlertSeverity.Warning => "\u001b[33m",
            _ => null,
        };
        var state = alert.State switch
        {
            AlertState.Resolved => "resolved",
            AlertState.Acknowledged => "acknowledged",
            _ => "firing",
        };
        // The line names no model (the sample has one), so the message's "fraud: " prefix would only repeat it.
        var message = alert.Message.StartsWith(alert.Model + ": ", StringComparison.Ordinal) ? alert.Message[(alert.Model.Length + 2)..] : alert.Message;
        var line = $"[{time.GetUtcNow() - Started:ss\\.f} s] {alert.Severity.ToString().ToUpperInvariant(),-8} {state,-12} {alert.Name}: {message}";
        lock (_gate)
        {
            Console.WriteLine(color is null ? line : color + line + "\u001b[0m");
        }

        return ValueTask.CompletedTask;
    }
}
