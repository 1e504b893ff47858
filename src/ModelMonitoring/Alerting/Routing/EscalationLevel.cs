namespace ModelMonitoring.Alerting;

/// <summary>
/// One step of an escalation policy: when an alert has been firing unacknowledged for <see cref="After"/>,
/// it is sent to <see cref="Channels"/>. Acknowledging or resolving the alert stops escalation.
/// </summary>
public sealed class EscalationLevel
{
    /// <summary>Gets or sets how long after the alert fired this level is reached. Must be positive.</summary>
    public TimeSpan After { get; set; }

    /// <summary>Gets the names of the channels notified at this level (see <see cref="IAlertChannel.Name"/>); at least one.</summary>
    public IList<string> Channels { get; } = [];

    /// <summary>
    /// Gets or sets the severity the escalated notification carries, such as raising a warning to critical.
    /// The default value is <see langword="null"/>: the alert's own severity.
    /// </summary>
    public AlertSeverity? Severity { get; set; }

    /// <summary>Whether two levels are identical in every setting (a copy from binding the same configuration twice).</summary>
    internal static bool Same(EscalationLevel a, EscalationLevel b) =>
        ReferenceEquals(a, b) || (a.After == b.After && a.Severity == b.Severity && a.Channels.SequenceEqual(b.Channels, StringComparer.Ordinal));
}
