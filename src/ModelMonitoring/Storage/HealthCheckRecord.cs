using ModelMonitoring.Recording;

namespace ModelMonitoring.Storage;

/// <summary>The outcome of a model health check.</summary>
public readonly record struct HealthCheckRecord
{
    /// <summary>Gets when the check ran (UTC).</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets the outcome.</summary>
    public ModelHealthStatus Status { get; init; }

    /// <summary>Gets the health score between 0 and 1.</summary>
    public double Score { get; init; }

    /// <summary>Gets descriptions of what is wrong; empty when healthy.</summary>
    public IReadOnlyList<string>? Issues { get; init; }
}
