namespace ModelMonitoring.Channels;

/// <summary>Why <see cref="WebhookSignature.Verify(string?, ReadOnlySpan{byte}, IEnumerable{string}, DateTimeOffset, TimeSpan?)"/> rejected a request.</summary>
public enum WebhookVerificationFailure
{
    /// <summary>Nothing: the signature is valid (see <see cref="WebhookVerificationResult.IsValid"/>).</summary>
    None = 0,

    /// <summary>The signature header is missing or empty.</summary>
    MissingHeader = 1,

    /// <summary>The header is not <c>t=&lt;unix seconds&gt;,v1=&lt;64 hex digits&gt;[,v1=…]</c>.</summary>
    MalformedHeader = 2,

    /// <summary>The timestamp is older than the tolerance: possibly a replayed request.</summary>
    TimestampTooOld = 3,

    /// <summary>The timestamp is further in the future than the tolerance.</summary>
    TimestampInFuture = 4,

    /// <summary>No signature matches the body under any of the secrets: a tampered body or a wrong secret.</summary>
    SignatureMismatch = 5,
}
