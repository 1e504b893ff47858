using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ModelMonitoring.Channels.Internal.Webhook;

namespace ModelMonitoring.Channels;

/// <summary>
/// Computes and verifies the signature the webhook channel puts on each request, so receivers can
/// check that a request came from this sender, unchanged, and recently.
/// </summary>
/// <remarks>
/// <para>
/// The header (<see cref="DefaultHeaderName"/> unless configured otherwise) is
/// <c>t=&lt;unix seconds&gt;,v1=&lt;signature&gt;</c>, with a second <c>,v1=&lt;signature&gt;</c>
/// while a secondary secret is configured for rotation. Each signature is the lowercase hex
/// HMAC-SHA256, keyed with the UTF-8 bytes of a secret, of the UTF-8 string <c>"{t}.{body}"</c>, where
/// <c>body</c> is the raw request body exactly as received. The timestamp is taken at each attempt,
/// so a retried request is signed afresh.
/// </para>
/// <para>
/// A receiver accepts a request when its timestamp is within the tolerance (5 minutes) of its own
/// clock, in either direction, and any <c>v1</c> signature equals the one it computes under any
/// secret it accepts, compared in constant time. Unknown header entries are ignored.
/// </para>
/// <para>Test vectors (also in the package README; checked against Python's <c>hmac</c> module by the tests):</para>
/// <list type="table">
/// <listheader><term>secret, t, body</term><description>v1</description></listheader>
/// <item>
/// <term><c>whsec_test_3f9a1c</c>, <c>1767225600</c>, <c>{"id":"a1","state":"firing"}</c></term>
/// <description><c>2ac3dd701810fa2b638c834750ef29d2335d5d57313e40a8ce49dbe8e1d5a5f7</c></description>
/// </item>
/// <item>
/// <term><c>rotated-secret-2</c>, <c>1767225600</c>, <c>{"message":"Latenz über Grenzwert ⚠"}</c> (UTF-8)</term>
/// <description><c>ce5bc102163069104629637070743dbb7601f89fea4846dd3de031264ca62c06</c></description>
/// </item>
/// </list>
/// </remarks>
public static class WebhookSignature
{
    /// <summary>The default name of the signature header: <c>X-ModelMonitoring-Signature</c>.</summary>
    public const string DefaultHeaderName = "X-ModelMonitoring-Signature";

    private const int MacSize = WebhookSignatureHeader.MacSize;

    /// <summary>Gets the default tolerance between the signature's timestamp and the receiver's clock: 5 minutes.</summary>
    public static TimeSpan DefaultTolerance { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Computes the <c>v1</c> signature of a body.</summary>
    /// <param name="secret">The secret; its UTF-8 bytes are the key.</param>
    /// <param name="timestamp">The timestamp in Unix seconds.</param>
    /// <param name="body">The body, signed as UTF-8.</param>
    /// <returns>64 lowercase hex digits.</returns>
    public static string Compute(string secret, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Compute(secret, timestamp, Encoding.UTF8.GetBytes(body));
    }

    /// <summary>Computes the <c>v1</c> signature of a body.</summary>
    /// <param name="secret">The secret; its UTF-8 bytes are the key.</param>
    /// <param name="timestamp">The timestamp in Unix seconds.</param>
    /// <param name="body">The raw body.</param>
    /// <returns>64 lowercase hex digits.</returns>
    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        Span<byte> mac = stackalloc byte[MacSize];
        ComputeMac(Encoding.UTF8.GetBytes(secret), timestamp, body, mac);
        return ToLowerHex(mac);
    }

    /// <summary>Builds the header value the webhook channel sends: <c>t=…,v1=…</c>, then <c>,v1=…</c> for the secondary secret.</summary>
    /// <param name="timestamp">The timestamp in Unix seconds.</param>
    /// <param name="body">The raw body.</param>
    /// <param name="secret">The primary secret.</param>
    /// <param name="secondarySecret">The secondary secret during rotation, or <see langword="null"/>.</param>
    /// <returns>The header value.</returns>
    public static string CreateHeaderValue(long timestamp, ReadOnlySpan<byte> body, string secret, string? secondarySecret = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timestamp);
        var value = new StringBuilder(160)
            .Append("t=").Append(timestamp.ToString(CultureInfo.InvariantCulture))
            .Append(",v1=").Append(Compute(secret, timestamp, body));
        if (!string.IsNullOrEmpty(secondarySecret))
        {
            value.Append(",v1=").Append(Compute(secondarySecret, timestamp, body));
        }

        return value.ToString();
    }

    /// <summary>Verifies a request's signature header against its body.</summary>
    /// <param name="headerValue">The signature header's value, or <see langword="null"/> when the request had none.</param>
    /// <param name="body">The raw body, as UTF-8.</param>
    /// <param name="secrets">The secrets accepted (during rotation, old and new); at least one.</param>
    /// <param name="now">The receiver's current time.</param>
    /// <param name="tolerance">How far the timestamp may be from <paramref name="now"/>, either way; <see langword="null"/> for <see cref="DefaultTolerance"/>.</param>
    /// <returns>Whether the request is valid, and why not.</returns>
    public static WebhookVerificationResult Verify(string? headerValue, string body, IEnumerable<string> secrets, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Verify(headerValue, Encoding.UTF8.GetBytes(body), secrets, now, tolerance);
    }

    /// <summary>Verifies a request's signature header against its raw body.</summary>
    /// <param name="headerValue">The signature header's value, or <see langword="null"/> when the request had none.</param>
    /// <param name="body">The raw body, exactly as received.</param>
    /// <param name="secrets">The secrets accepted (during rotation, old and new); at least one.</param>
    /// <param name="now">The receiver's current time.</param>
    /// <param name="tolerance">How far the timestamp may be from <paramref name="now"/>, either way; <see langword="null"/> for <see cref="DefaultTolerance"/>.</param>
    /// <returns>Whether the request is valid, and why not.</returns>
    public static WebhookVerificationResult Verify(string? headerValue, ReadOnlySpan<byte> body, IEnumerable<string> secrets, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var keys = secrets.Select(static s =>
        {
            ArgumentException.ThrowIfNullOrEmpty(s, nameof(secrets));
            return Encoding.UTF8.GetBytes(s);
        }).ToArray();
        if (keys.Length == 0)
        {
            throw new ArgumentException("At least one secret is needed.", nameof(secrets));
        }

        var allowed = tolerance ?? DefaultTolerance;
        ArgumentOutOfRangeException.ThrowIfLessThan(allowed, TimeSpan.Zero, nameof(tolerance));

        if (string.IsNullOrWhiteSpace(headerValue))
        {
            return Reject(WebhookVerificationFailure.MissingHeader, "The signature header is missing.", null);
        }

        if (!WebhookSignatureHeader.TryParse(headerValue, out var timestamp, out var signatures, out var problem))
        {
            return Reject(WebhookVerificationFailure.MalformedHeader, $"The signature header is malformed: {problem}", null);
        }

        var age = now.ToUnixTimeSeconds() - timestamp;
        var limit = (long)allowed.TotalSeconds;
        if (age > limit)
        {
            return Reject(WebhookVerificationFailure.TimestampTooOld, $"The timestamp is {age} s old; at most {limit} s is accepted.", timestamp);
        }

        if (-age > limit)
        {
            return Reject(WebhookVerificationFailure.TimestampInFuture, $"The timestamp is {-age} s in the future; at most {limit} s is accepted.", timestamp);
        }

        Span<byte> expected = stackalloc byte[MacSize];
        var matched = false;
        foreach (var key in keys)
        {
            ComputeMac(key, timestamp, body, expected);
            foreach (var signature in signatures)
            {
                // Every comparison runs, in constant time, so timing tells nothing about which part matched.
                matched |= CryptographicOperations.FixedTimeEquals(expected, signature);
            }
        }

        return matched
            ? new WebhookVerificationResult(WebhookVerificationFailure.None, string.Empty, timestamp)
            : Reject(WebhookVerificationFailure.SignatureMismatch, "No v1 signature matches the body under any accepted secret.", timestamp);
    }

    private static WebhookVerificationResult Reject(WebhookVerificationFailure failure, string reason, long? timestamp) => new(failure, reason, timestamp);

    private static void ComputeMac(byte[] key, long timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        Span<byte> prefix = stackalloc byte[24]; // "-9223372036854775808." at the longest
        timestamp.TryFormat(prefix, out var written, provider: CultureInfo.InvariantCulture);
        prefix[written++] = (byte)'.';
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(prefix[..written]);
        hmac.AppendData(body);
        hmac.GetHashAndReset(destination);
    }

    private static string ToLowerHex(ReadOnlySpan<byte> bytes)
    {
#if NET9_0_OR_GREATER
        return Convert.ToHexStringLower(bytes);
#else
        return Convert.ToHexString(bytes).ToLowerInvariant();
#endif
    }
}
