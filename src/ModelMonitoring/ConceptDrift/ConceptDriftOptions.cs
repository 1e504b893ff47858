namespace ModelMonitoring.ConceptDrift;

/// <summary>
/// Settings of a model's concept drift check: a realized performance metric (per prediction window, from the store) is
/// compared between a reference period and the current period with Welch's t-test, one-sided in the direction of a
/// degradation; a significant degradation of at least <see cref="MinDegradationPercent"/> is stored as drifted and raises the
/// alert <c>concept.performance.&lt;metric&gt;</c> (see README, "Concept drift").
/// </summary>
/// <remarks>
/// Set with <see cref="Configuration.ModelOptions.ConceptDrift"/> or bound from the model's <c>ConceptDrift</c> configuration
/// section. It needs realized performance (<see cref="ModelMonitoringOptions.RealizedPerformance"/>) and a storage provider
/// that implements <see cref="Storage.IConceptDriftStore"/>; it runs on the worker of the pipeline that leads the fleet.
/// Each window is one observation of the test, whatever its number of labels.
/// </remarks>
public sealed class ConceptDriftOptions
{
    /// <summary>
    /// Gets or sets the realized metric compared, a name of <see cref="Performance.RealizedMetricNames"/> whose direction is
    /// known (accuracy, precision, recall, F1, ROC AUC and R² are better higher; MAE, RMSE, MAPE and log loss lower); or
    /// <see langword="null"/> for <c>realized.accuracy</c> when the model's windows have it, else <c>realized.mae</c>.
    /// The default value is <see langword="null"/>.
    /// </summary>
    public string? Metric { get; set; }

    /// <summary>Gets or sets which windows are the reference period. The default value is <see cref="ConceptDriftReference.Trailing"/>.</summary>
    public ConceptDriftReference Reference { get; set; } = ConceptDriftReference.Trailing;

    /// <summary>
    /// Gets or sets how many windows the reference period has, for <see cref="ConceptDriftReference.Trailing"/> and
    /// <see cref="ConceptDriftReference.First"/>. Between 2 and 10,000. The default value is 24.
    /// </summary>
    public int ReferenceWindows { get; set; } = ConceptDriftConstants.DefaultReferenceWindows;

    /// <summary>Gets or sets the inclusive start of a <see cref="ConceptDriftReference.Fixed"/> reference period; only with it. The default value is <see langword="null"/>.</summary>
    public DateTimeOffset? ReferenceFrom { get; set; }

    /// <summary>Gets or sets the exclusive end of a <see cref="ConceptDriftReference.Fixed"/> reference period; only with it. The default value is <see langword="null"/>.</summary>
    public DateTimeOffset? ReferenceTo { get; set; }

    /// <summary>
    /// Gets or sets how many windows the current period has: the last ones closed when the check runs (the window in
    /// progress is left out). Between 2 and 10,000. The default value is 6.
    /// </summary>
    public int CurrentWindows { get; set; } = ConceptDriftConstants.DefaultCurrentWindows;

    /// <summary>
    /// Gets or sets the fewest windows with a value each period needs for a check; with fewer the check is skipped (nothing
    /// stored, alerts unchanged). At least 2 and at most <see cref="CurrentWindows"/> (and <see cref="ReferenceWindows"/>
    /// unless the reference is fixed). The default value is 3.
    /// </summary>
    public int MinWindows { get; set; } = ConceptDriftConstants.DefaultMinWindows;

    /// <summary>Gets or sets the significance level of the one-sided test, above 0 and at most 0.5. The default value is 0.05.</summary>
    public double Alpha { get; set; } = ConceptDriftConstants.DefaultAlpha;

    /// <summary>
    /// Gets or sets the smallest degradation, in percent of the reference mean, that counts as drift when significant, so
    /// that a tiny but significant change on many windows raises nothing. From 0 to 10,000. The default value is 5.
    /// </summary>
    public double MinDegradationPercent { get; set; } = ConceptDriftConstants.DefaultMinDegradationPercent;

    /// <summary>
    /// Gets or sets the degradation, in percent, from which a drifted check is <see cref="Alerting.AlertSeverity.Critical"/>
    /// when its p-value is also below 0.01; other drifted checks are <see cref="Alerting.AlertSeverity.Warning"/>. At least
    /// <see cref="MinDegradationPercent"/>. The default value is 20.
    /// </summary>
    public double CriticalDegradationPercent { get; set; } = ConceptDriftConstants.DefaultCriticalDegradationPercent;

    /// <summary>Gets or sets how often the check runs. Between 1 second and 1 day. The default value is 10 minutes.</summary>
    public TimeSpan Interval { get; set; } = ConceptDriftConstants.DefaultInterval;
}
