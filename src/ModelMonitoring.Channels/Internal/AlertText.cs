using System.Globalization;
using System.Text;
using ModelMonitoring.Alerting;

namespace ModelMonitoring.Channels.Internal;

/// <summary>How alert fields are written in every channel, so a receiver sees the same words everywhere.</summary>
internal static class AlertText
{
    /// <summary>Returns <c>info</c>, <c>warning</c> or <c>critical</c>.</summary>
    public static string Severity(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Info => "info",
        AlertSeverity.Warning => "warning",
        AlertSeverity.Critical => "critical",
        _ => ((int)severity).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Returns <c>firing</c>, <c>acknowledged</c> or <c>resolved</c>.</summary>
    public static string State(AlertState state) => state switch
    {
        AlertState.Firing => "firing",
        AlertState.Acknowledged => "acknowledged",
        AlertState.Resolved => "resolved",
        _ => ((int)state).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Returns <c>Info</c>, <c>Warning</c> or <c>Critical</c>, for people.</summary>
    public static string SeverityTitle(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Info => "Info",
        AlertSeverity.Warning => "Warning",
        AlertSeverity.Critical => "Critical",
        _ => Severity(severity),
    };

    /// <summary>Returns <c>Firing</c>, <c>Acknowledged</c> or <c>Resolved</c>, for people.</summary>
    public static string StateTitle(AlertState state) => state switch
    {
        AlertState.Firing => "Firing",
        AlertState.Acknowledged => "Acknowledged",
        AlertState.Resolved => "Resolved",
        _ => State(state),
    };

    /// <summary>Formats a number the shortest way that round-trips, with a dot, in every culture.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Formats a time as ISO 8601 in UTC, such as <c>2026-01-01T12:00:00Z</c> (fractions only when present).</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>Returns the value as UTC, for JSON (which then writes it with a <c>Z</c>).</summary>
    public static DateTime Utc(DateTimeOffset time) => time.UtcDateTime;

    /// <inheritdoc cref="Utc(DateTimeOffset)"/>
    public static DateTime? Utc(DateTimeOffset? time) => time?.UtcDateTime;

    /// <summary>Returns the value when finite; JSON has no NaN or infinity.</summary>
    public static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    /// <summary>Describes the metric, value and limits, such as <c>error_rate = 0.12 (threshold 0.05, baseline 0.01)</c>, or <see langword="null"/> without a metric.</summary>
    public static string? Measurement(Alert alert)
    {
        if (alert.Metric is null && alert.Value is null)
        {
            return null;
        }

        var text = new StringBuilder(alert.Metric ?? "value");
        if (alert.Value is { } value)
        {
            text.Append(" = ").Append(Number(value));
        }

        var limits = new List<string>(2);
        if (alert.Threshold is { } threshold)
        {
            limits.Add("threshold " + Number(threshold));
        }

        if (alert.Baseline is { } baseline)
        {
            limits.Add("baseline " + Number(baseline));
        }

        if (limits.Count > 0)
        {
            text.Append(" (").Append(string.Join(", ", limits)).Append(')');
        }

        return text.ToString();
    }

    /// <summary>The alert's metadata with secret values replaced (see <see cref="AlertMetadata.Redact"/>), or <see langword="null"/> when it has none.</summary>
    public static Dictionary<string, string>? Metadata(Alert alert)
    {
        if (alert.Metadata.Count == 0)
        {
            return null;
        }

        var shown = new Dictionary<string, string>(alert.Metadata.Count, StringComparer.Ordinal);
        foreach (var (key, value) in AlertMetadata.Redact(alert.Metadata))
        {
            shown[key] = value;
        }

        return shown;
    }

    /// <summary>The alert's metadata as <c>key=value, key=***</c> on one line, or <see langword="null"/> when it has none.</summary>
    public static string? MetadataLine(Alert alert) =>
        alert.Metadata.Count == 0 ? null : SingleLine(string.Join(", ", AlertMetadata.Redact(alert.Metadata).Select(e => e.Key + "=" + e.Value)));

    /// <summary>
    /// Puts text on one line with no control characters: line breaks and escapes in an alert's text
    /// would otherwise split log lines, inject mail headers or drive the terminal.
    /// </summary>
    public static string SingleLine(string text)
    {
        // C0 controls, DEL and C1 controls (which include the 8-bit terminal escape U+009B).
        var span = text.AsSpan();
        if (span.IndexOfAnyInRange('\0', '\u001f') < 0 && span.IndexOfAnyInRange('\u007f', '\u009f') < 0)
        {
            return text;
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
    }

    /// <summary>
    /// Shortens text to at most <paramref name="maxLength"/> UTF-16 characters, ending with an ellipsis
    /// when cut, never splitting a surrogate pair.
    /// </summary>
    public static string Truncate(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        if (maxLength <= 0)
        {
            return string.Empty;
        }

        var keep = maxLength - 1;
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return string.Concat(text.AsSpan(0, keep), "…");
    }
}
