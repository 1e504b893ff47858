namespace ModelMonitoring.Recording;

/// <summary>The outcome of a model health check.</summary>
public enum ModelHealthStatus
{
    /// <summary>The model works as expected.</summary>
    Healthy = 0,

    /// <summary>The model works with reduced quality or speed.</summary>
    Degraded = 1,

    /// <summary>The model does not work.</summary>
    Unhealthy = 2,
}
