using System.Text.Json;
using ModelMonitoring.Alerting;
using ModelMonitoring.Channels.Internal.Json;

namespace ModelMonitoring.Channels.Internal.PagerDuty;

/// <summary>
/// Builds the Events API v2 body of an alert, within PagerDuty's limits: <c>summary</c> at most 1,024
/// characters, the whole event at most 512 KB (the message in <c>custom_details</c> is cut first,
/// then every free-text field).
/// </summary>
internal sealed class PagerDutyEventBuilder(PagerDutyChannelOptions options)
{
    /// <summary>PagerDuty's limit on <c>payload.summary</c>.</summary>
    public const int MaxSummaryLength = 1024;

    /// <summary>PagerDuty's limit on an event, 512 KB, counted in thousands of bytes to stay on the safe side.</summary>
    public const int MaxEventBytes = 512_000;

    /// <summary>The length free-text fields are cut to when cutting the message was not enough.</summary>
    private const int ShortFieldLength = 256;

    private readonly string _routingKey = options.RoutingKey!;
    private readonly string _source = options.Source;
    private readonly string _client = options.Client;
    private readonly string _critical = Name(options.CriticalSeverity);
    private readonly string _warning = Name(options.WarningSeverity);
    private readonly string _info = Name(options.InfoSeverity);

    /// <summary>Serialises the event; <paramref name="shortened"/> tells whether anything had to be cut to fit.</summary>
    public byte[] Build(Alert alert, out bool shortened)
    {
        shortened = false;
        var body = Serialize(Create(alert, alert.Message, fieldLength: null, shortened));
        if (body.Length <= MaxEventBytes)
        {
            return body;
        }

        shortened = true;
        var message = alert.Message;
        while (body.Length > MaxEventBytes && message.Length > 0)
        {
            // Each character cut removes at least one byte, and the ellipsis adds at most six, so cutting
            // the excess plus eight characters gets under the limit in one step for ASCII, a few otherwise.
            var excess = body.Length - MaxEventBytes;
            message = AlertText.Truncate(message, Math.Max(0, message.Length - excess - 8));
            body = Serialize(Create(alert, message, fieldLength: null, shortened));
        }

        if (body.Length > MaxEventBytes)
        {
            body = Serialize(Create(alert, string.Empty, ShortFieldLength, shortened));
        }

        // Unreachable with every field cut to 256 characters; still, never send more than PagerDuty takes.
        return body.Length <= MaxEventBytes
            ? body
            : throw new InvalidOperationException($"The PagerDuty event is {body.Length} bytes after shortening; the limit is {MaxEventBytes}.");
    }

    /// <summary>Maps a severity through the options; by default critical, warning and info map to their namesakes.</summary>
    public string Severity(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => _critical,
        AlertSeverity.Warning => _warning,
        _ => _info,
    };

    /// <summary>The <c>event_action</c> of an alert's state.</summary>
    public static string Action(AlertState state) => state switch
    {
        AlertState.Acknowledged => "acknowledge",
        AlertState.Resolved => "resolve",
        _ => "trigger",
    };

    private PagerDutyEvent Create(Alert alert, string message, int? fieldLength, bool shortened)
    {
        var action = Action(alert.State);
        var dedupKey = PagerDutyDedupKey.For(alert);
        if (alert.State != AlertState.Firing)
        {
            // Acknowledge and resolve name the incident by its key; PagerDuty ignores a payload on them.
            return new PagerDutyEvent(_routingKey, action, dedupKey, null, null);
        }

        string Cut(string text) => fieldLength is { } max ? AlertText.Truncate(text, max) : text;
        var summary = AlertText.Truncate(AlertText.SingleLine($"{alert.Model} {alert.Name}: {alert.Message}"), fieldLength ?? MaxSummaryLength);
        var details = new PagerDutyDetails(
            Cut(alert.Id),
            Cut(alert.Name),
            Cut(alert.Model),
            Cut(alert.Version),
            Cut(alert.Environment),
            AlertText.State(alert.State),
            message,
            alert.Metric is null ? null : Cut(alert.Metric),
            AlertText.Finite(alert.Value),
            AlertText.Finite(alert.Threshold),
            AlertText.Finite(alert.Baseline),
            AlertText.Utc(alert.StartedAt),
            Metadata(alert, fieldLength),
            shortened);
        var payload = new PagerDutyPayload(
            summary,
            Cut(_source),
            Severity(alert.Severity),
            AlertText.Utc(alert.Timestamp),
            Cut(alert.Model),
            alert.Environment.Length > 0 ? Cut(alert.Environment) : null,
            Cut(alert.Metric ?? alert.Name),
            details);
        return new PagerDutyEvent(_routingKey, action, dedupKey, Cut(_client), payload);
    }

    /// <summary>The redacted metadata; when shortening, each key and value is cut like the other free-text fields.</summary>
    private static Dictionary<string, string>? Metadata(Alert alert, int? fieldLength)
    {
        var metadata = AlertText.Metadata(alert);
        if (metadata is null || fieldLength is not { } max)
        {
            return metadata;
        }

        var cut = new Dictionary<string, string>(metadata.Count, StringComparer.Ordinal);
        foreach (var (key, value) in metadata)
        {
            cut.TryAdd(AlertText.Truncate(key, max), AlertText.Truncate(value, max));
        }

        return cut;
    }

    private static string Name(PagerDutySeverity severity) => severity switch
    {
        PagerDutySeverity.Critical => "critical",
        PagerDutySeverity.Error => "error",
        PagerDutySeverity.Warning => "warning",
        _ => "info",
    };

    private static byte[] Serialize(PagerDutyEvent value) => JsonSerializer.SerializeToUtf8Bytes(value, ChannelJsonContext.Default.PagerDutyEvent);
}
