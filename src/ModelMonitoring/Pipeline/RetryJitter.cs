namespace ModelMonitoring.Pipeline;

/// <summary>
/// Spreads a retry's back-off ("equal jitter"): a retry whose exponential delay is <c>d</c> waits a random time
/// in <c>[d/2, d)</c>.
/// </summary>
/// <remarks>
/// Replicas that lose a shared store at the same moment would otherwise retry in lock-step and meet it together
/// every time it comes back. The random half de-correlates them; the fixed half keeps a retry from coming much
/// sooner than configured (a store that is restarting is not hammered); the bound <c>d</c> means no retry waits
/// longer than it did without jitter, so shutdown and flush deadlines are unchanged. A few lines of arithmetic,
/// so the core keeps no dependency for it (Polly.Core's retry strategy would also take over the loop that
/// splits batches and waits for abandoned writes).
/// </remarks>
internal static class RetryJitter
{
    /// <summary>Returns the time to wait before a retry whose un-jittered delay is <paramref name="delay"/>.</summary>
    /// <param name="delay">The exponential delay, the upper bound of the result.</param>
    /// <param name="random">The random source; each process seeds its own, so replicas draw differently.</param>
    public static TimeSpan Apply(TimeSpan delay, Random random)
    {
        var half = delay.Ticks / 2;
        return TimeSpan.FromTicks(delay.Ticks - half + (long)(random.NextDouble() * half));
    }
}
