using ModelMonitoring.Storage;

namespace ModelMonitoring.Sqlite.Internal.Reading;

/// <summary>Latency mean and percentiles, interpolating linearly between the closest ranks (NumPy's default method).</summary>
internal static class LatencyStatistics
{
    /// <summary>Summarises latencies in ticks; sorts <paramref name="ticks"/> in place.</summary>
    public static LatencySummary? Summarize(Span<long> ticks, long sum)
    {
        if (ticks.IsEmpty)
        {
            return null;
        }

        ticks.Sort();
        return new LatencySummary(
            Mean: TimeSpan.FromTicks((long)Math.Round((double)sum / ticks.Length)),
            P50: Percentile(ticks, 0.50),
            P95: Percentile(ticks, 0.95),
            P99: Percentile(ticks, 0.99),
            Max: TimeSpan.FromTicks(ticks[^1]));
    }

    /// <summary>The value at rank <c>p (n - 1)</c> of sorted values, interpolated between its neighbours.</summary>
    internal static TimeSpan Percentile(ReadOnlySpan<long> sorted, double p)
    {
        var rank = p * (sorted.Length - 1);
        var lower = (int)Math.Floor(rank);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        var value = sorted[lower] + ((sorted[upper] - sorted[lower]) * (rank - lower));
        return TimeSpan.FromTicks((long)Math.Round(value));
    }
}
