using System.Text.Json.Serialization;

namespace ModelMonitoring.Channels.Internal.PagerDuty;

/// <summary>An Events API v2 event. <c>client</c> and <c>payload</c> go with triggers only.</summary>
internal sealed record PagerDutyEvent(
    string RoutingKey,
    string EventAction,
    string DedupKey,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Client,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PagerDutyPayload? Payload);

/// <summary>The <c>payload</c> of a trigger event.</summary>
internal sealed record PagerDutyPayload(
    string Summary,
    string Source,
    string Severity,
    DateTime Timestamp,
    string Component,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Group,
    string Class,
    PagerDutyDetails CustomDetails);

/// <summary>The <c>custom_details</c> of a trigger event: the alert's fields.</summary>
internal sealed record PagerDutyDetails(
    string AlertId,
    string Name,
    string Model,
    string Version,
    string Environment,
    string State,
    string Message,
    string? Metric,
    double? Value,
    double? Threshold,
    double? Baseline,
    DateTime? StartedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Dictionary<string, string>? Metadata = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Truncated = false);
