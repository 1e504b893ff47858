namespace ModelMonitoring.Alerting;

/// <summary>Where an alert is in its lifecycle.</summary>
public enum AlertState
{
    /// <summary>The condition holds.</summary>
    Firing = 0,

    /// <summary>The condition no longer holds.</summary>
    Resolved = 1,
}
