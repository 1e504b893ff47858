using System.Text;
using ModelMonitoring.Alerting;

namespace ModelMonitoring.Channels.Internal.Email;

/// <summary>The subject line and plain-text body of an alert email.</summary>
internal static class EmailMessageBuilder
{
    private const int MaxSubjectLength = 250;

    /// <summary>Such as <c>[ModelMonitoring] [CRITICAL] Firing: fraud error_rate.max</c>; one line, whatever the alert's text holds.</summary>
    public static string Subject(string prefix, Alert alert)
    {
        var subject = $"[{AlertText.Severity(alert.Severity).ToUpperInvariant()}] {AlertText.StateTitle(alert.State)}: {alert.Model} {alert.Name}";
        if (prefix.Length > 0)
        {
            subject = prefix + " " + subject;
        }

        return AlertText.Truncate(AlertText.SingleLine(subject), MaxSubjectLength);
    }

    /// <summary>The message, then one line per known field.</summary>
    public static string Body(Alert alert)
    {
        var body = new StringBuilder(512);
        body.Append(alert.Message).Append("\r\n\r\n");
        Line(body, "Model", alert.Model);
        Line(body, "Version", alert.Version);
        Line(body, "Environment", alert.Environment);
        Line(body, "Alert", alert.Name);
        Line(body, "Severity", AlertText.Severity(alert.Severity));
        Line(body, "State", AlertText.State(alert.State));
        Line(body, "Metric", alert.Metric);
        Line(body, "Value", alert.Value is { } value ? AlertText.Number(value) : null);
        Line(body, "Threshold", alert.Threshold is { } threshold ? AlertText.Number(threshold) : null);
        Line(body, "Baseline", alert.Baseline is { } baseline ? AlertText.Number(baseline) : null);
        Line(body, "Time", AlertText.Time(alert.Timestamp));
        Line(body, "Started", alert.StartedAt is { } started ? AlertText.Time(started) : null);
        Line(body, "Acknowledged by", alert.AcknowledgedBy);
        Line(body, "Acknowledged", alert.AcknowledgedAt is { } acknowledged ? AlertText.Time(acknowledged) : null);
        Line(body, "Resolved", alert.ResolvedAt is { } resolved ? AlertText.Time(resolved) : null);
        Line(body, "Alert id", alert.Id);
        Line(body, "Expires", alert.ExpiresAt is { } expires ? AlertText.Time(expires) : null);
        foreach (var entry in AlertMetadata.Redact(alert.Metadata))
        {
            Line(body, AlertText.SingleLine(entry.Key), entry.Value);
        }

        body.Append("\r\n-- \r\nSent by ModelMonitoring.\r\n");
        return body.ToString();
    }

    private static void Line(StringBuilder body, string label, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            body.Append(label).Append(':').Append(' ', Math.Max(1, 17 - label.Length)).Append(AlertText.SingleLine(value)).Append("\r\n");
        }
    }
}
