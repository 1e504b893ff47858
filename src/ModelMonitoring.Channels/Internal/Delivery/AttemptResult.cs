namespace ModelMonitoring.Channels.Internal.Delivery;

/// <summary>The result of one delivery attempt; <see cref="Reason"/> never carries a secret.</summary>
/// <param name="Outcome">How the attempt ended.</param>
/// <param name="Reason">Why it failed, such as <c>HTTP 500 (InternalServerError)</c>; empty when delivered.</param>
/// <param name="RetryAfter">How long the receiver asked us to wait before the next attempt, if it said.</param>
internal readonly record struct AttemptResult(AttemptOutcome Outcome, string Reason, TimeSpan? RetryAfter = null)
{
    public static AttemptResult Delivered { get; } = new(AttemptOutcome.Delivered, string.Empty);

    public static AttemptResult Transient(string reason, TimeSpan? retryAfter = null) => new(AttemptOutcome.Transient, reason, retryAfter);

    public static AttemptResult Permanent(string reason) => new(AttemptOutcome.Permanent, reason);
}
