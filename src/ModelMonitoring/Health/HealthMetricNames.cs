namespace ModelMonitoring.Health;

/// <summary>
/// The metrics the worker stores with each closed window for a model's health: rolled up per hour and day (trends) and
/// readable as metrics. They are computed after the window's thresholds, so thresholds and alert rules cannot name them.
/// </summary>
public static class HealthMetricNames
{
    /// <summary>The health score, 0–100; its metadata holds the status and the reasons.</summary>
    public const string Score = "health.score";

    /// <summary>The status as a number: 0 healthy, 1 degraded, 2 unhealthy.</summary>
    public const string Status = "health.status";
}
