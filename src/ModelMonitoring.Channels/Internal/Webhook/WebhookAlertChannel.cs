using System.Text.Json;
using Microsoft.Extensions.Logging;
using ModelMonitoring.Alerting;
using ModelMonitoring.Channels.Internal.Delivery;
using ModelMonitoring.Channels.Internal.Json;
using ModelMonitoring.Channels.Internal.Registration;

namespace ModelMonitoring.Channels.Internal.Webhook;

/// <summary>
/// POSTs each alert as JSON, signed with HMAC-SHA256 under one or two secrets. Success is any 2xx;
/// 408, 429 and 5xx are retried; other answers are permanent failures.
/// </summary>
internal sealed class WebhookAlertChannel : IAlertChannel
{
    private readonly IHttpClientFactory _clients;
    private readonly string _clientName;
    private readonly Uri _url;
    private readonly string _secret;
    private readonly string? _secondarySecret;
    private readonly string _headerName;
    private readonly TimeProvider _timeProvider;
    private readonly DeliveryPipeline _delivery;

    public WebhookAlertChannel(string name, WebhookChannelOptions options, IHttpClientFactory clients, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        Name = name;
        MinimumSeverity = options.MinimumSeverity;
        _clients = clients;
        _clientName = ChannelRegistration.HttpClientName(name);
        _url = options.Url!;
        _secret = options.Secret!;
        _secondarySecret = string.IsNullOrEmpty(options.SecondarySecret) ? null : options.SecondarySecret;
        _headerName = options.SignatureHeaderName;
        _timeProvider = timeProvider;
        _delivery = new DeliveryPipeline(name, options, timeProvider, loggerFactory.CreateLogger("ModelMonitoring.Channels.Webhook"));
    }

    public string Name { get; }

    public AlertSeverity MinimumSeverity { get; }

    public ValueTask SendAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var body = JsonSerializer.SerializeToUtf8Bytes(WebhookPayload.From(alert), ChannelJsonContext.Default.WebhookPayload);
        return _delivery.DeliverAsync(alert, static (state, token) => state.Channel.AttemptAsync(state.Body, token), (Channel: this, Body: body), cancellationToken);
    }

    private async ValueTask<AttemptResult> AttemptAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var request = HttpDelivery.JsonPost(_url, body);

        // Signed at every attempt, so a retry after a long back-off still carries a fresh timestamp.
        var timestamp = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
        request.Headers.TryAddWithoutValidation(_headerName, WebhookSignature.CreateHeaderValue(timestamp, body, _secret, _secondarySecret));
        return await HttpDelivery.SendAsync(
            _clients.CreateClient(_clientName),
            request,
            (response, _) => ValueTask.FromResult(HttpDelivery.Classify(response, _timeProvider)),
            cancellationToken).ConfigureAwait(false);
    }
}
