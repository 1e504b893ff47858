using ModelMonitoring.Alerting;

namespace ModelMonitoring.Channels;

/// <summary>
/// How a network channel delivers one alert: a time limit per attempt and retries with exponential
/// back-off and jitter. Shared by the webhook, Slack, PagerDuty and email channels.
/// </summary>
/// <remarks>
/// These limits apply inside one call to <c>SendAsync</c>; the caller's token (cancelled at the
/// pipeline's overall alert timeout) still ends delivery at any point, so keep that timeout longer
/// than the attempts and delays added up.
/// </remarks>
public abstract class ChannelDeliveryOptions
{
    /// <summary>
    /// Initializes a new instance for a channel of another package (see <see cref="HttpAlertChannel"/>),
    /// whose <see cref="MinimumSeverity"/> starts at <see cref="AlertSeverity.Info"/>.
    /// </summary>
    protected ChannelDeliveryOptions()
        : this(AlertSeverity.Info)
    {
    }

    /// <summary>Initializes a new instance whose channel starts at <paramref name="minimumSeverity"/>.</summary>
    /// <param name="minimumSeverity">The channel kind's default minimum severity.</param>
    private protected ChannelDeliveryOptions(AlertSeverity minimumSeverity) => MinimumSeverity = minimumSeverity;

    /// <summary>
    /// Gets or sets the lowest severity the channel receives by default, that is, for severities
    /// without an entry in <see cref="AlertingOptions.Routes"/> (an entry there takes precedence).
    /// The default value is <see cref="AlertSeverity.Info"/> for webhooks and channels of other
    /// packages, <see cref="AlertSeverity.Warning"/> for Slack and <see cref="AlertSeverity.Critical"/>
    /// for email and PagerDuty.
    /// </summary>
    public AlertSeverity MinimumSeverity { get; set; }

    /// <summary>
    /// Gets or sets how long one attempt may take, from sending the request to reading the answer,
    /// before it is abandoned and counted as a transient failure. From 10 milliseconds to 10 minutes.
    /// The default value is 10 seconds.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets how many times a transient failure (a timeout, a network error, HTTP 429 or 5xx,
    /// an SMTP 4xx reply) is retried; permanent failures are never retried. From 0 to 10.
    /// The default value is 3.
    /// </summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>
    /// Gets or sets the base of the exponential back-off: the retries wait about this long, then
    /// twice as long, and so on, with jitter. A <c>Retry-After</c> answer overrides the back-off.
    /// From zero to 10 minutes. The default value is 1 second.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets the longest back-off between two attempts (a <c>Retry-After</c> answer is honoured
    /// even when longer). At least <see cref="RetryDelay"/> and at most 1 hour.
    /// The default value is 30 seconds.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Formats the delivery settings for <see cref="object.ToString"/> of derived options.</summary>
    /// <returns>The delivery settings, such as <c>AttemptTimeout = 00:00:10, MaxRetries = 3, …</c>.</returns>
    private protected string DeliveryToString() =>
        $"MinimumSeverity = {MinimumSeverity}, AttemptTimeout = {AttemptTimeout}, MaxRetries = {MaxRetries}, RetryDelay = {RetryDelay}, MaxRetryDelay = {MaxRetryDelay}";
}
