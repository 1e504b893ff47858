namespace ModelMonitoring.Alerting;

/// <summary>
/// An alert the application raises itself through <see cref="IAlertManager.RaiseAsync"/>, such as a model
/// that failed to load or a dependency that is down. It goes through the same lifecycle as the alerts of
/// rules: deduplication, suppression, silences, escalation, routing and the alert store.
/// </summary>
/// <example>
/// <code>
/// await alerts.RaiseAsync(new ApplicationAlert
/// {
///     Name = "model_failure",
///     Severity = AlertSeverity.Critical,
///     Message = "fraud model failed to load",
///     Model = "fraud",
///     Metadata = new Dictionary&lt;string, string&gt; { ["path"] = "/models/fraud.onnx", ["error"] = "file not found" },
///     TimeToLive = TimeSpan.FromHours(1),
/// });
/// </code>
/// </example>
public sealed record ApplicationAlert
{
    /// <summary>
    /// Gets the alert's name, its type such as <c>model_failure</c>: with <see cref="Model"/> it identifies the
    /// condition, and <see cref="AlertingOptions.Policies"/> match it. At most <see cref="Recording.RecordingLimits.MaxLabelLength"/>
    /// characters; names starting with <c>threshold.</c> or <c>drift.</c>, and names of configured rules, are reserved.
    /// </summary>
    public required string Name { get; init; }

    /// <summary>Gets the severity. The default value is <see cref="AlertSeverity.Warning"/>.</summary>
    public AlertSeverity Severity { get; init; } = AlertSeverity.Warning;

    /// <summary>Gets a one-line human-readable description; at most <see cref="Recording.RecordingLimits.MaxTextLength"/> characters.</summary>
    public required string Message { get; init; }

    /// <summary>Gets the model the alert is about, or <see langword="null"/> for the application as a whole (stored with an empty model name). The default value is <see langword="null"/>.</summary>
    public string? Model { get; init; }

    /// <summary>
    /// Gets details kept with the alert and shown by the channels: at most <see cref="Recording.RecordingLimits.MaxMetadataEntries"/>
    /// entries, keys of at most <see cref="Recording.RecordingLimits.MaxLabelLength"/> and values of at most
    /// <see cref="Recording.RecordingLimits.MaxTextLength"/> characters. A value whose key looks like a secret
    /// (<see cref="AlertMetadata.IsSecretKey"/>) is replaced by <see cref="AlertMetadata.RedactedValue"/> when the
    /// alert is raised, so it is never stored, logged or sent. The default value is <see langword="null"/> (none).
    /// </summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>
    /// Gets the names of the registered channels to notify in place of the severity's route (<see cref="AlertingOptions.Routes"/>).
    /// The default value is <see langword="null"/>: the severity's route.
    /// </summary>
    public IReadOnlyList<string>? Channels { get; init; }

    /// <summary>
    /// Gets when the alert resolves by itself (UTC) unless resolved earlier; must be later than now.
    /// Set this or <see cref="TimeToLive"/>, not both. The default value is <see langword="null"/> (no expiry).
    /// </summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>
    /// Gets how long after it is raised the alert resolves by itself unless resolved earlier; must be positive.
    /// Set this or <see cref="ExpiresAt"/>, not both. The default value is <see langword="null"/> (no expiry).
    /// </summary>
    public TimeSpan? TimeToLive { get; init; }
}
