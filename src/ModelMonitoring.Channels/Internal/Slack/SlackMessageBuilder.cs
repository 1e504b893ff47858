using ModelMonitoring.Alerting;

namespace ModelMonitoring.Channels.Internal.Slack;

/// <summary>
/// Builds the incoming-webhook message of an alert: a fallback <c>text</c> and one attachment coloured
/// by severity (resolved alerts green) with the message and fields for the model, environment,
/// severity, state, measurement and time.
/// </summary>
internal static class SlackMessageBuilder
{
    public const string CriticalColor = "#d00000";
    public const string WarningColor = "#daa038";
    public const string GoodColor = "#2eb886";

    public static SlackMessage Build(Alert alert)
    {
        var label = alert.State == AlertState.Resolved
            ? "Resolved"
            : $"{AlertText.SeverityTitle(alert.Severity)} {AlertText.State(alert.State)}";
        var subject = $"{label}: {alert.Model} {alert.Name}";
        var fallback = Escape(AlertText.SingleLine($"{subject}: {alert.Message}"));

        var fields = new List<SlackField>(6)
        {
            new("Model", Escape(alert.Version.Length > 0 ? $"{alert.Model} {alert.Version}" : alert.Model), true),
        };
        if (alert.Environment.Length > 0)
        {
            fields.Add(new("Environment", Escape(alert.Environment), true));
        }

        fields.Add(new("Severity", AlertText.SeverityTitle(alert.Severity), true));
        fields.Add(new("State", Escape(alert.AcknowledgedBy is { } by && alert.State == AlertState.Acknowledged
            ? $"{AlertText.StateTitle(alert.State)} by {by}"
            : AlertText.StateTitle(alert.State)), true));
        if (AlertText.Measurement(alert) is { } measurement)
        {
            fields.Add(new("Metric", Escape(measurement), false));
        }

        if (AlertText.Metadata(alert) is { } metadata)
        {
            fields.Add(new("Details", Escape(string.Join("\n", metadata.Select(e => $"{AlertText.SingleLine(e.Key)}: {AlertText.SingleLine(e.Value)}"))), false));
        }

        fields.Add(new("Time", AlertText.Time(alert.Timestamp), true));

        var footer = alert.Id.Length > 0 ? $"ModelMonitoring · alert {Escape(alert.Id)}" : "ModelMonitoring";
        var attachment = new SlackAttachment(
            fallback,
            Color(alert),
            Escape(AlertText.SingleLine(subject)),
            Escape(alert.Message),
            fields,
            footer,
            alert.Timestamp.ToUnixTimeSeconds());
        return new SlackMessage(fallback, [attachment]);
    }

    /// <summary>Critical red, warning amber, information and resolved green.</summary>
    public static string Color(Alert alert) => alert.State == AlertState.Resolved ? GoodColor : alert.Severity switch
    {
        AlertSeverity.Critical => CriticalColor,
        AlertSeverity.Warning => WarningColor,
        _ => GoodColor,
    };

    /// <summary>Escapes the three characters Slack's text formatting treats as control characters.</summary>
    public static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal);
}
