using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ModelMonitoring.Alerting;
using ModelMonitoring.Channels.Internal.Delivery;
using ModelMonitoring.Channels.Internal.Json;
using ModelMonitoring.Channels.Internal.Registration;

namespace ModelMonitoring.Channels.Internal.Slack;

/// <summary>
/// Posts each alert to a Slack incoming webhook. Slack answers <c>200 ok</c> on success and nothing
/// else; 429 is retried after its <c>Retry-After</c>, 5xx and network errors with back-off; 400, 403,
/// 404 and 410 (bad payload, revoked or archived webhook) are permanent.
/// </summary>
internal sealed class SlackAlertChannel : IAlertChannel
{
    private const int MaxBodyRead = 1024;

    private readonly IHttpClientFactory _clients;
    private readonly string _clientName;
    private readonly Uri _url;
    private readonly TimeProvider _timeProvider;
    private readonly DeliveryPipeline _delivery;

    public SlackAlertChannel(string name, SlackChannelOptions options, IHttpClientFactory clients, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        Name = name;
        MinimumSeverity = options.MinimumSeverity;
        _clients = clients;
        _clientName = ChannelRegistration.HttpClientName(name);
        _url = options.WebhookUrl!;
        _timeProvider = timeProvider;
        _delivery = new DeliveryPipeline(name, options, timeProvider, loggerFactory.CreateLogger("ModelMonitoring.Channels.Slack"));
    }

    public string Name { get; }

    public AlertSeverity MinimumSeverity { get; }

    public ValueTask SendAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var body = JsonSerializer.SerializeToUtf8Bytes(SlackMessageBuilder.Build(alert), ChannelJsonContext.Default.SlackMessage);
        return _delivery.DeliverAsync(alert, static (state, token) => state.Channel.AttemptAsync(state.Body, token), (Channel: this, Body: body), cancellationToken);
    }

    private async ValueTask<AttemptResult> AttemptAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var request = HttpDelivery.JsonPost(_url, body);
        return await HttpDelivery.SendAsync(_clients.CreateClient(_clientName), request, ClassifyAsync, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<AttemptResult> ClassifyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = HttpDelivery.Status(response);
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK:
                var answer = await ReadPrefixAsync(response, cancellationToken).ConfigureAwait(false);

                // Slack says "ok" and nothing else; any other 200 comes from something that is not
                // Slack's webhook (a proxy, a captive portal, a wrong URL), and repeating will not help.
                return answer == "ok"
                    ? AttemptResult.Delivered
                    : AttemptResult.Permanent($"{status} without the body 'ok': the URL does not look like a Slack incoming webhook");
            case HttpStatusCode.TooManyRequests:
                return AttemptResult.Transient(status, HttpDelivery.RetryAfter(response, _timeProvider));
            case HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Gone:
                return AttemptResult.Permanent(await WithSlackErrorAsync(status, response, cancellationToken).ConfigureAwait(false));
            default:
                var usual = HttpDelivery.Classify(response, _timeProvider);
                return usual.Outcome == AttemptOutcome.Delivered
                    ? AttemptResult.Permanent($"{status}: Slack answers 200 on success, so this is not Slack's webhook")
                    : usual;
        }
    }

    /// <summary>
    /// Adds Slack's error code (such as <c>invalid_payload</c> or <c>channel_is_archived</c>) to the
    /// reason when the body is one; any other body is left out, as it is not ours to repeat.
    /// </summary>
    private static async ValueTask<string> WithSlackErrorAsync(string status, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await ReadPrefixAsync(response, cancellationToken).ConfigureAwait(false);
        return body.Length is > 0 and <= 64 && body.All(static c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')
            ? $"{status}: {body}"
            : status;
    }

    private static async ValueTask<string> ReadPrefixAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxBodyRead];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            return Encoding.UTF8.GetString(buffer, 0, length);
        }
    }
}
