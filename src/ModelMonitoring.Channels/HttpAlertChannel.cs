using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelMonitoring.Alerting;
using ModelMonitoring.Channels.Internal.Delivery;
using ModelMonitoring.Channels.Internal.Registration;

namespace ModelMonitoring.Channels;

/// <summary>
/// A base for alert channels of other packages that deliver over HTTP with the same machinery as the
/// packaged webhook, Slack and PagerDuty channels: a time limit per attempt, retries with exponential
/// back-off and jitter on the injected <see cref="TimeProvider"/>, and a receiver's <c>Retry-After</c>
/// honoured. A derived class only builds the request.
/// </summary>
/// <remarks>
/// Answers are read the usual way: 2xx is delivered; 408, 429 and 5xx (and network errors) are retried,
/// after <c>Retry-After</c> when the receiver sends one; any other answer, including a redirect, is a
/// permanent failure. The final failure is thrown as an <see cref="AlertDeliveryException"/> whose
/// message names the status or the kind of network error, never the URL. Register the channel with
/// <c>AddAlertChannel</c>, or as an <see cref="IAlertChannel"/> singleton.
/// </remarks>
/// <example>
/// <code>
/// sealed class TeamsChannel(TeamsOptions options, HttpClient client, TimeProvider time, ILogger logger)
///     : HttpAlertChannel("teams", options, client, time, logger)
/// {
///     protected override HttpRequestMessage CreateRequest(Alert alert) =>
///         new(HttpMethod.Post, options.Url) { Content = JsonContent.Create(new { text = alert.Message }) };
/// }
/// </code>
/// </example>
public abstract class HttpAlertChannel : IAlertChannel
{
    private readonly HttpClient _httpClient;
    private readonly TimeProvider _timeProvider;
    private readonly DeliveryPipeline _delivery;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="name">The channel's name, used in routes and logs: 1 to 64 letters, digits, '-', '_' or '.'.</param>
    /// <param name="options">The delivery settings and <see cref="ChannelDeliveryOptions.MinimumSeverity"/>; read once, here.</param>
    /// <param name="httpClient">
    /// The client requests are sent with. Attempts are timed by <see cref="ChannelDeliveryOptions.AttemptTimeout"/>,
    /// so set its <see cref="HttpClient.Timeout"/> to <see cref="Timeout.InfiniteTimeSpan"/> (or longer than the attempt timeout).
    /// </param>
    /// <param name="timeProvider">The clock of timeouts, back-off and <c>Retry-After</c> dates.</param>
    /// <param name="logger">Where failed attempts (event 2001) and deliveries (event 2002) are logged.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not allowed.</exception>
    /// <exception cref="OptionsValidationException">A delivery setting is out of range; the message names each.</exception>
    protected HttpAlertChannel(string name, ChannelDeliveryOptions options, HttpClient httpClient, TimeProvider timeProvider, ILogger logger)
    {
        ChannelRegistration.CheckName(name);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        var errors = new OptionsErrors(options.GetType().Name, name);
        errors.Delivery(options);
        if (errors.Errors.Count > 0)
        {
            throw new OptionsValidationException(name, options.GetType(), errors.Errors);
        }

        Name = name;
        MinimumSeverity = options.MinimumSeverity;
        _httpClient = httpClient;
        _timeProvider = timeProvider;
        _delivery = new DeliveryPipeline(name, options, timeProvider, logger);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public AlertSeverity MinimumSeverity { get; }

    /// <inheritdoc/>
    public ValueTask SendAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return _delivery.DeliverAsync(alert, static (state, token) => state.Channel.AttemptAsync(state.Alert, token), (Channel: this, Alert: alert), cancellationToken);
    }

    /// <summary>Builds the request that delivers <paramref name="alert"/>; called again for every attempt, as a request is sent only once.</summary>
    /// <param name="alert">The alert.</param>
    /// <returns>The request; disposed by the caller after the attempt.</returns>
    protected abstract HttpRequestMessage CreateRequest(Alert alert);

    private async ValueTask<AttemptResult> AttemptAsync(Alert alert, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(alert);
        return await HttpDelivery.SendAsync(
            _httpClient,
            request,
            (response, _) => ValueTask.FromResult(HttpDelivery.Classify(response, _timeProvider)),
            cancellationToken).ConfigureAwait(false);
    }
}
