using ModelMonitoring.Alerting;

namespace ModelMonitoring.Channels.Internal.Webhook;

/// <summary>
/// The JSON body of a webhook request, field for field as documented in the package README
/// (snake_case names; every field present, <c>null</c> when unknown; times ISO 8601 UTC).
/// </summary>
internal sealed record WebhookPayload(
    string Id,
    string Model,
    string Version,
    string Environment,
    string Name,
    string Severity,
    string State,
    string Message,
    string? Metric,
    double? Value,
    double? Threshold,
    double? Baseline,
    DateTime Timestamp,
    DateTime? StartedAt,
    string? AcknowledgedBy,
    DateTime? AcknowledgedAt,
    DateTime? ResolvedAt,
    Dictionary<string, string>? Metadata,
    DateTime? ExpiresAt)
{
    public static WebhookPayload From(Alert alert) => new(
        alert.Id,
        alert.Model,
        alert.Version,
        alert.Environment,
        alert.Name,
        AlertText.Severity(alert.Severity),
        AlertText.State(alert.State),
        alert.Message,
        alert.Metric,
        AlertText.Finite(alert.Value),
        AlertText.Finite(alert.Threshold),
        AlertText.Finite(alert.Baseline),
        AlertText.Utc(alert.Timestamp),
        AlertText.Utc(alert.StartedAt),
        alert.AcknowledgedBy,
        AlertText.Utc(alert.AcknowledgedAt),
        AlertText.Utc(alert.ResolvedAt),
        AlertText.Metadata(alert),
        AlertText.Utc(alert.ExpiresAt));
}
