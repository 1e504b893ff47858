namespace ModelMonitoring.Channels;

/// <summary>The severities of the PagerDuty Events API v2 (<c>payload.severity</c>).</summary>
public enum PagerDutySeverity
{
    /// <summary><c>critical</c>.</summary>
    Critical = 0,

    /// <summary><c>error</c>.</summary>
    Error = 1,

    /// <summary><c>warning</c>.</summary>
    Warning = 2,

    /// <summary><c>info</c>.</summary>
    Info = 3,
}
