namespace ModelMonitoring.Channels;

/// <summary>The outcome of verifying a webhook signature: valid, or why not.</summary>
public readonly struct WebhookVerificationResult : IEquatable<WebhookVerificationResult>
{
    private readonly string? _reason;
    private readonly bool _isValid;

    internal WebhookVerificationResult(WebhookVerificationFailure failure, string reason, long? timestamp)
    {
        Failure = failure;
        _reason = reason;
        _isValid = failure == WebhookVerificationFailure.None;
        Timestamp = timestamp;
    }

    /// <summary>Gets whether the request is authentic and fresh. A <see langword="default"/> result is not valid.</summary>
    public bool IsValid => _isValid;

    /// <summary>Gets why the request was rejected, or <see cref="WebhookVerificationFailure.None"/>.</summary>
    public WebhookVerificationFailure Failure { get; }

    /// <summary>Gets a sentence saying why the request was rejected (empty when it is valid); it never contains a secret or a signature.</summary>
    public string Reason => _reason ?? string.Empty;

    /// <summary>Gets the header's timestamp in Unix seconds, or <see langword="null"/> when it could not be read.</summary>
    public long? Timestamp { get; }

    /// <inheritdoc/>
    public bool Equals(WebhookVerificationResult other) => _isValid == other._isValid && Failure == other.Failure && Reason == other.Reason && Timestamp == other.Timestamp;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is WebhookVerificationResult other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_isValid, Failure, Reason, Timestamp);

    /// <inheritdoc/>
    public override string ToString() => IsValid ? "valid" : $"{Failure}: {Reason}";

    /// <summary>Compares two results.</summary>
    /// <param name="left">The first result.</param>
    /// <param name="right">The second result.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(WebhookVerificationResult left, WebhookVerificationResult right) => left.Equals(right);

    /// <summary>Compares two results.</summary>
    /// <param name="left">The first result.</param>
    /// <param name="right">The second result.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(WebhookVerificationResult left, WebhookVerificationResult right) => !left.Equals(right);
}
