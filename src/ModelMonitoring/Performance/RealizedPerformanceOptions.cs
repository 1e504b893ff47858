namespace ModelMonitoring.Performance;

/// <summary>
/// Settings of realized performance: metrics per prediction window computed from the store, recomputed whenever the
/// window's predictions receive labels, however late, and whichever replica recorded them (see README, "Realized performance").
/// </summary>
/// <remarks>
/// It runs on the worker of the pipeline that leads the fleet (every pipeline leads on its own), when the storage provider
/// implements <see cref="Storage.IRealizedPerformanceStore"/> (SQLite and PostgreSQL do).
/// </remarks>
public sealed class RealizedPerformanceOptions
{
    /// <summary>Gets or sets whether realized performance is computed. The default value is <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Gets or sets how often the store is asked which windows received labels. Between 1 second and 1 day. The default
    /// value is 1 minute.
    /// </summary>
    public TimeSpan Interval { get; set; } = RealizedPerformanceConstants.DefaultInterval;

    /// <summary>
    /// Gets or sets how old a prediction may be and still have its window recomputed when a label arrives: labels for
    /// older predictions are stored but change no stored window. Between <see cref="ModelMonitoringOptions.AggregationWindow"/>
    /// and 366 days. The default value is 7 days.
    /// </summary>
    public TimeSpan LookBack { get; set; } = RealizedPerformanceConstants.DefaultLookBack;

    /// <summary>
    /// Gets or sets how long after its timestamp a label may reach the store and still be found: each check also looks
    /// this far back before the previous one, for labels that waited in a replica's buffers or retries. Between zero and
    /// 1 day. The default value is 5 minutes.
    /// </summary>
    public TimeSpan LabelDelay { get; set; } = RealizedPerformanceConstants.DefaultLabelDelay;

    /// <summary>
    /// Gets or sets the most segments of a window with values of their own, those with the most labels (ties in ordinal
    /// order); the others are grouped under <see cref="Recording.RecordingLimits.OtherValue"/>. Zero keeps only the values
    /// over all predictions. Between 0 and 1,000. The default value is 20.
    /// </summary>
    public int MaxSegments { get; set; } = RealizedPerformanceConstants.DefaultMaxSegments;

    /// <summary>
    /// Gets or sets the most windows recomputed in one worker cycle; the rest wait for the next cycles, so a burst of late
    /// labels never holds the worker long. Between 1 and 1,000. The default value is 16.
    /// </summary>
    public int MaxWindowsPerCycle { get; set; } = RealizedPerformanceConstants.DefaultMaxWindowsPerCycle;
}
