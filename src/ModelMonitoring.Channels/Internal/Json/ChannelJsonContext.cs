using System.Text.Json.Serialization;
using ModelMonitoring.Channels.Internal.PagerDuty;
using ModelMonitoring.Channels.Internal.Slack;
using ModelMonitoring.Channels.Internal.Webhook;

namespace ModelMonitoring.Channels.Internal.Json;

/// <summary>Compile-time JSON serialisation of every request body: snake_case names, no reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(WebhookPayload))]
[JsonSerializable(typeof(SlackMessage))]
[JsonSerializable(typeof(PagerDutyEvent))]
internal sealed partial class ChannelJsonContext : JsonSerializerContext;
