namespace ModelMonitoring.Alerting;

/// <summary>
/// A condition on a model that needs attention — a metric past its limit, drift — as it moves
/// through its lifecycle: firing, acknowledged by a person, resolved. Channels receive one
/// <see cref="Alert"/> per notification; the alert store keeps the latest state of each.
/// </summary>
public sealed record Alert
{
    /// <summary>
    /// Gets the identifier of this occurrence of the condition, from firing to resolved: every
    /// notification about it carries the same id (PagerDuty uses it as the <c>dedup_key</c>).
    /// Empty until the alert manager accepts the alert.
    /// </summary>
    public string Id { get; init; } = string.Empty;

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

    /// <summary>Gets where the alert is in its lifecycle.</summary>
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

    /// <summary>Gets when this state was reached (UTC): when the condition was seen, acknowledged or cleared.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets when the alert started firing (UTC), or <see langword="null"/> before it fired.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Gets who acknowledged the alert, or <see langword="null"/>.</summary>
    public string? AcknowledgedBy { get; init; }

    /// <summary>Gets when the alert was acknowledged (UTC), or <see langword="null"/>.</summary>
    public DateTimeOffset? AcknowledgedAt { get; init; }

    /// <summary>Gets when the alert resolved (UTC), or <see langword="null"/> while it is active.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>Gets who resolved the alert by hand, or <see langword="null"/> when its condition cleared.</summary>
    public string? ResolvedBy { get; init; }

    /// <summary>
    /// Gets when a notification about the alert was last sent, or last withheld by suppression or a
    /// silence (UTC), or <see langword="null"/>; the repeat interval counts from here.
    /// </summary>
    public DateTimeOffset? LastNotifiedAt { get; init; }

    /// <summary>Gets how many notifications about the alert were sent (a notification reaches one or more channels).</summary>
    public int NotificationCount { get; init; }

    /// <summary>Gets how many notifications were withheld by suppression or a silence; the alert is recorded all the same.</summary>
    public int SuppressedCount { get; init; }

    /// <summary>Gets the highest escalation level reached: 0 before any, 1 for the first <see cref="AlertingOptions.Escalation"/> level.</summary>
    public int EscalationLevel { get; init; }

    /// <summary>Gets the names of the channels notified about the alert; they are told when it is acknowledged or resolved.</summary>
    public IReadOnlyList<string> NotifiedChannels { get; init; } = [];

    /// <summary>
    /// Gets the details the application attached when it raised the alert (<see cref="ApplicationAlert.Metadata"/>),
    /// stored with it and shown by the channels. A value whose key looks like a secret (see
    /// <see cref="AlertMetadata.IsSecretKey"/>) is kept and shown only as <see cref="AlertMetadata.RedactedValue"/>.
    /// The default value is empty, as for every alert of a rule, threshold or drift check.
    /// </summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = AlertMetadata.Empty;

    /// <summary>
    /// Gets when the alert resolves by itself unless resolved earlier (UTC), as the application asked when
    /// raising it, or <see langword="null"/> for an alert that resolves only by hand or when its condition clears.
    /// </summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>
    /// Gets the channels the application routed the alert to in place of its severity's route
    /// (<see cref="ApplicationAlert.Channels"/>); its repeats go there too. Empty for the severity's route.
    /// </summary>
    public IReadOnlyList<string> Channels { get; init; } = [];

    /// <summary>
    /// Gets how many times the application raised the alert while it was active; a raise of an active
    /// alert adds one instead of notifying again. The default value is 1, as for alerts of rules.
    /// </summary>
    public int Occurrences { get; init; } = 1;
}
