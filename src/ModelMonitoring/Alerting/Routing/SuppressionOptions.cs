namespace ModelMonitoring.Alerting;

/// <summary>Caps notifications so a flapping condition cannot flood people: at most <see cref="MaxNotifications"/> per alert name and severity per <see cref="Window"/>.</summary>
public sealed class SuppressionOptions
{
    /// <summary>Gets or sets the most notifications per (alert name, severity) in one window; 0 turns suppression off. From 0 to 1,000,000. The default value is 10.</summary>
    public int MaxNotifications { get; set; } = 10;

    /// <summary>Gets or sets the sliding window the cap applies to. Must be positive. The default value is 1 hour.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);
}
