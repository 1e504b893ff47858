using ModelMonitoring.Channels.Internal;

namespace ModelMonitoring.Channels;

/// <summary>
/// Settings of the generic webhook channel, which POSTs each alert as JSON signed with HMAC-SHA256
/// (see <see cref="WebhookSignature"/> for the format and how to verify it).
/// </summary>
/// <remarks>
/// The URL and the secrets are credentials: they never appear in logs, exception messages or
/// <see cref="ToString"/>.
/// </remarks>
public sealed class WebhookChannelOptions : ChannelDeliveryOptions
{
    /// <summary>The name the channel gets when none is given: <c>webhook</c>.</summary>
    public const string DefaultName = "webhook";

    /// <summary>
    /// Gets or sets the URL the alerts are posted to: absolute, <c>http</c> or <c>https</c>.
    /// Redirects are not followed. There is no default: it must be set.
    /// </summary>
    public Uri? Url { get; set; }

    /// <summary>
    /// Gets or sets the secret the body is signed with (as its UTF-8 bytes). Share it with the
    /// receiver; use at least 32 random characters. There is no default: it must be set.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>
    /// Gets or sets a second secret, for rotation: while it is set, every request carries a
    /// signature under each secret, so the receiver can switch secrets before or after the sender.
    /// Must differ from <see cref="Secret"/>. The default value is <see langword="null"/> (one signature).
    /// </summary>
    public string? SecondarySecret { get; set; }

    /// <summary>
    /// Gets or sets the name of the request header that carries the signature.
    /// The default value is <c>X-ModelMonitoring-Signature</c> (<see cref="WebhookSignature.DefaultHeaderName"/>).
    /// </summary>
    public string SignatureHeaderName { get; set; } = WebhookSignature.DefaultHeaderName;

    /// <inheritdoc/>
    public override string ToString() =>
        $"WebhookChannelOptions {{ Url = {Redaction.Url(Url)}, Secret = {Redaction.Secret(Secret)}, " +
        $"SecondarySecret = {Redaction.Secret(SecondarySecret)}, SignatureHeaderName = {SignatureHeaderName}, {DeliveryToString()} }}";
}
