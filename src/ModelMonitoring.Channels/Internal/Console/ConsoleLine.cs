using System.Text;
using ModelMonitoring.Alerting;

namespace ModelMonitoring.Channels.Internal.Console;

/// <summary>
/// Formats an alert as one console line:
/// <c>2026-01-01T12:00:00Z CRITICAL firing fraud 1.4.0 (production) error_rate.max: message [error_rate = 0.12 (threshold 0.05)] {key=value, api_key=***} id=…</c>.
/// </summary>
internal static class ConsoleLine
{
    private const string Reset = "\u001b[0m";
    private const string Red = "\u001b[31m";
    private const string Green = "\u001b[32m";
    private const string Yellow = "\u001b[33m";

    public static string Format(Alert alert, bool colors)
    {
        var line = new StringBuilder(160);
        var color = colors ? Color(alert) : null;
        line.Append(color)
            .Append(AlertText.Time(alert.Timestamp)).Append(' ')
            .Append(AlertText.Severity(alert.Severity).ToUpperInvariant()).Append(' ')
            .Append(AlertText.State(alert.State)).Append(' ')
            .Append(AlertText.SingleLine(alert.Model));
        if (alert.Version.Length > 0)
        {
            line.Append(' ').Append(AlertText.SingleLine(alert.Version));
        }

        if (alert.Environment.Length > 0)
        {
            line.Append(" (").Append(AlertText.SingleLine(alert.Environment)).Append(')');
        }

        line.Append(' ').Append(AlertText.SingleLine(alert.Name)).Append(": ").Append(AlertText.SingleLine(alert.Message));
        if (AlertText.Measurement(alert) is { } measurement)
        {
            line.Append(" [").Append(AlertText.SingleLine(measurement)).Append(']');
        }

        if (AlertText.MetadataLine(alert) is { } metadata)
        {
            line.Append(" {").Append(metadata).Append('}');
        }

        if (alert.AcknowledgedBy is { } by)
        {
            line.Append(" acknowledged by ").Append(AlertText.SingleLine(by));
        }

        if (alert.Id.Length > 0)
        {
            line.Append(" id=").Append(AlertText.SingleLine(alert.Id));
        }

        if (color is not null)
        {
            line.Append(Reset);
        }

        return line.ToString();
    }

    /// <summary>Critical red, warning yellow, resolved green, information in the default colour.</summary>
    public static string? Color(Alert alert) => alert.State == AlertState.Resolved ? Green : alert.Severity switch
    {
        AlertSeverity.Critical => Red,
        AlertSeverity.Warning => Yellow,
        _ => null,
    };

    /// <summary>Colours are on when the option says so and <c>NO_COLOR</c> is unset or empty (no-color.org).</summary>
    public static bool UseColors(bool option, string? noColor) => option && string.IsNullOrEmpty(noColor);
}
