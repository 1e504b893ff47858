namespace ModelMonitoring.Alerting;

/// <summary>How urgent an alert is.</summary>
public enum AlertSeverity
{
    /// <summary>For information; nobody needs to act.</summary>
    Info = 0,

    /// <summary>Something is off and should be looked at soon.</summary>
    Warning = 1,

    /// <summary>The model is failing its users now.</summary>
    Critical = 2,
}
