namespace ModelMonitoring.Health;

/// <summary>
/// How a model's health score is computed for each closed window (see <c>docs/health.md</c>). The score starts at 100;
/// each component takes off up to its weight, linearly between its warning and critical level; the sum is capped at 100.
/// </summary>
/// <remarks>Bound from the <c>Health</c> section of a model in configuration; checked at start-up.</remarks>
public sealed class HealthOptions
{
    /// <summary>Gets or sets whether the worker scores the model's windows. The default value is <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the error rate (0–1) from which the error-rate component takes points off. The default value is 0.01.</summary>
    public double ErrorRateWarning { get; set; } = 0.01;

    /// <summary>Gets or sets the error rate (0–1) at which the error-rate component takes its whole weight. The default value is 0.10.</summary>
    public double ErrorRateCritical { get; set; } = 0.10;

    /// <summary>Gets or sets the most points the error rate takes off. The default value is 30.</summary>
    public double ErrorRateWeight { get; set; } = 30;

    /// <summary>
    /// Gets or sets the 95th percentile latency the model is expected to have. When <see langword="null"/> (the default)
    /// it is learned: the median of the p95 latency of the first <see cref="LatencyBaselineWindows"/> windows with
    /// predictions after start-up.
    /// </summary>
    public TimeSpan? LatencyBaseline { get; set; }

    /// <summary>Gets or sets how many windows the latency and performance baselines are learned from when not configured. The default value is 5.</summary>
    public int LatencyBaselineWindows { get; set; } = 5;

    /// <summary>Gets or sets the ratio of p95 latency to its baseline from which the latency component takes points off. The default value is 1.5.</summary>
    public double LatencyRatioWarning { get; set; } = 1.5;

    /// <summary>Gets or sets the ratio of p95 latency to its baseline at which the latency component takes its whole weight. The default value is 3.</summary>
    public double LatencyRatioCritical { get; set; } = 3;

    /// <summary>Gets or sets the most points latency takes off. The default value is 15.</summary>
    public double LatencyWeight { get; set; } = 15;

    /// <summary>
    /// Gets or sets the performance the model is expected to have: accuracy (0–1) for a classifier, mean absolute error
    /// for a regressor. When <see langword="null"/> (the default) it is learned as the mean of the first
    /// <see cref="LatencyBaselineWindows"/> windows that have the metric. Realized accuracy (labels joined in the window)
    /// is used when the window has it, else the CBPE estimate <c>estimated.accuracy</c>.
    /// </summary>
    public double? PerformanceBaseline { get; set; }

    /// <summary>Gets or sets the relative loss of performance (0–1) from which the performance component takes points off. The default value is 0.02.</summary>
    public double PerformanceDropWarning { get; set; } = 0.02;

    /// <summary>Gets or sets the relative loss of performance (0–1) at which the performance component takes its whole weight. The default value is 0.10.</summary>
    public double PerformanceDropCritical { get; set; } = 0.10;

    /// <summary>Gets or sets the most points performance takes off. The default value is 25.</summary>
    public double PerformanceWeight { get; set; } = 25;

    /// <summary>
    /// Gets or sets the share of features (and prediction outputs) drifted in the latest drift check at which the drift
    /// component takes its whole weight; any drifted feature takes points off. The default value is 0.5.
    /// </summary>
    public double DriftShareCritical { get; set; } = 0.5;

    /// <summary>Gets or sets the most points drift takes off. The default value is 20.</summary>
    public double DriftWeight { get; set; } = 20;

    /// <summary>Gets or sets the worst missing, out-of-range or new-category share (0–1) from which data quality takes points off. The default value is 0.01.</summary>
    public double QualityShareWarning { get; set; } = 0.01;

    /// <summary>Gets or sets the worst share (0–1) at which data quality takes its whole weight. The default value is 0.20.</summary>
    public double QualityShareCritical { get; set; } = 0.20;

    /// <summary>Gets or sets the most points data quality takes off. The default value is 10.</summary>
    public double QualityWeight { get; set; } = 10;

    /// <summary>Gets or sets the points each open (firing or acknowledged) critical alert takes off. The default value is 20.</summary>
    public double CriticalAlertPenalty { get; set; } = 20;

    /// <summary>Gets or sets the points each open warning alert takes off. The default value is 5.</summary>
    public double WarningAlertPenalty { get; set; } = 5;

    /// <summary>Gets or sets the most points open alerts take off together. The default value is 30.</summary>
    public double AlertsWeight { get; set; } = 30;

    /// <summary>Gets or sets the lowest score that is <c>Healthy</c>. The default value is 80.</summary>
    public double HealthyAtLeast { get; set; } = 80;

    /// <summary>Gets or sets the lowest score that is <c>Degraded</c>; below it the model is <c>Unhealthy</c>. The default value is 50.</summary>
    public double DegradedAtLeast { get; set; } = 50;
}
