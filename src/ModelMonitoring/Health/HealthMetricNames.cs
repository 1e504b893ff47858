namespace ModelMonitoring.Health;

/// <summary>
/// The window metrics the worker stores for a model's health. They are window metrics like <c>error_rate</c>: rolled up
/// per hour and day (trends), readable as metrics, and thresholds can be set on them.
/// </summary>
public static class HealthMetricNames
{
    /// <summary>The health score, 0–100; its metadata holds the status and the reasons.</summary>
    public const string Score = "health.score";

    /// <summary>The status as a number: 0 healthy, 1 degraded, 2 unhealthy.</summary>
    public const string Status = "health.status";
}
