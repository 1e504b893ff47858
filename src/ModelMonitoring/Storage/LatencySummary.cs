namespace ModelMonitoring.Storage;

/// <summary>Latency of a set of predictions. Percentiles interpolate linearly between the closest ranks.</summary>
/// <param name="Mean">The mean.</param>
/// <param name="P50">The median.</param>
/// <param name="P95">The 95th percentile.</param>
/// <param name="P99">The 99th percentile.</param>
/// <param name="Max">The largest.</param>
public sealed record LatencySummary(TimeSpan Mean, TimeSpan P50, TimeSpan P95, TimeSpan P99, TimeSpan Max);
