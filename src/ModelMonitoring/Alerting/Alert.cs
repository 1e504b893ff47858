namespace ModelMonitoring.Alerting;

/// <summary>A notification that a model crossed (or came back within) a configured limit.</summary>
public sealed record Alert
{
    /// <summary>Gets the model name.</summary>
    public required string Model { get; init; }

    /// <summary>Gets the model version.</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>Gets the deployment environment.</summary>
    public string Environment { get; init; } = string.Empty;

    /// <summary>Gets a stable name for the condition, such as <c>error_rate.max</c>; alerts with one name are one condition.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the severity.</summary>
    public AlertSeverity Severity { get; init; }

    /// <summary>Gets whether the condition holds (<see cref="AlertState.Firing"/>) or has cleared.</summary>
    public AlertState State { get; init; }

    /// <summary>Gets a one-line human-readable description.</summary>
    public required string Message { get; init; }

    /// <summary>Gets the metric the condition is about.</summary>
    public string? Metric { get; init; }

    /// <summary>Gets the metric value that triggered (or cleared) the alert.</summary>
    public double? Value { get; init; }

    /// <summary>Gets the limit that was crossed.</summary>
    public double? Threshold { get; init; }

    /// <summary>Gets the baseline the change was measured against, for baseline conditions.</summary>
    public double? Baseline { get; init; }

    /// <summary>Gets when the alert was raised (UTC).</summary>
    public DateTimeOffset Timestamp { get; init; }
}
