using System.Net;
using Microsoft.Extensions.Logging;
using ModelMonitoring.Alerting;
using ModelMonitoring.Channels.Internal.Delivery;
using ModelMonitoring.Channels.Internal.Registration;

namespace ModelMonitoring.Channels.Internal.PagerDuty;

/// <summary>
/// Sends each alert to the PagerDuty Events API v2: firing triggers, acknowledged acknowledges,
/// resolved resolves, all under one <c>dedup_key</c>. PagerDuty answers 202 on success; 429, 5xx and
/// network errors are retried with back-off; 400 (an invalid event or key) and other answers are permanent.
/// </summary>
internal sealed class PagerDutyAlertChannel : IAlertChannel
{
    private readonly IHttpClientFactory _clients;
    private readonly string _clientName;
    private readonly Uri _url;
    private readonly TimeProvider _timeProvider;
    private readonly PagerDutyEventBuilder _events;
    private readonly DeliveryPipeline _delivery;
    private readonly ILogger _logger;

    public PagerDutyAlertChannel(string name, PagerDutyChannelOptions options, IHttpClientFactory clients, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        Name = name;
        MinimumSeverity = options.MinimumSeverity;
        _clients = clients;
        _clientName = ChannelRegistration.HttpClientName(name);
        _url = options.EventsUrl;
        _timeProvider = timeProvider;
        _events = new PagerDutyEventBuilder(options);
        _logger = loggerFactory.CreateLogger("ModelMonitoring.Channels.PagerDuty");
        _delivery = new DeliveryPipeline(name, options, timeProvider, _logger);
    }

    public string Name { get; }

    public AlertSeverity MinimumSeverity { get; }

    public ValueTask SendAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var body = _events.Build(alert, out var shortened);
        if (shortened)
        {
            Log.PagerDutyEventTruncated(_logger, Name, alert.Id, PagerDutyEventBuilder.MaxEventBytes);
        }

        return _delivery.DeliverAsync(alert, static (state, token) => state.Channel.AttemptAsync(state.Body, token), (Channel: this, Body: body), cancellationToken);
    }

    private async ValueTask<AttemptResult> AttemptAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var request = HttpDelivery.JsonPost(_url, body);
        return await HttpDelivery.SendAsync(_clients.CreateClient(_clientName), request, Classify, cancellationToken).ConfigureAwait(false);
    }

    private ValueTask<AttemptResult> Classify(HttpResponseMessage response, CancellationToken cancellationToken) =>
        ValueTask.FromResult(response.StatusCode == HttpStatusCode.BadRequest
            ? AttemptResult.Permanent($"{HttpDelivery.Status(response)}: PagerDuty rejected the event (invalid event or routing key)")
            : HttpDelivery.Classify(response, _timeProvider));
}
