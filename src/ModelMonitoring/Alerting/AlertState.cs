namespace ModelMonitoring.Alerting;

/// <summary>Where an alert is in its lifecycle. The numeric values are stored; do not renumber.</summary>
public enum AlertState
{
    /// <summary>The condition holds and nobody has acknowledged it.</summary>
    Firing = 0,

    /// <summary>The condition no longer holds.</summary>
    Resolved = 1,

    /// <summary>The condition holds and a person has taken it on; escalation stops.</summary>
    Acknowledged = 2,
}
