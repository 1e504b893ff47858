using ModelMonitoring.Alerting;

namespace ModelMonitoring.Storage;

/// <summary>
/// One concept drift check of a model: a realized performance metric per prediction window compared between a reference
/// and a current period with Welch's t-test, one-sided in the direction of a degradation (see README, "Concept drift").
/// </summary>
public sealed record ConceptDriftCheck
{
    /// <summary>Gets the model name.</summary>
    public required string Model { get; init; }

    /// <summary>Gets the realized metric compared, as <c>realized.accuracy</c>.</summary>
    public required string Metric { get; init; }

    /// <summary>Gets when the check ran (UTC).</summary>
    public DateTimeOffset CheckedAt { get; init; }

    /// <summary>Gets the inclusive start of the reference period (the first window's start).</summary>
    public DateTimeOffset ReferenceFrom { get; init; }

    /// <summary>Gets the exclusive end of the reference period.</summary>
    public DateTimeOffset ReferenceTo { get; init; }

    /// <summary>Gets the inclusive start of the current period.</summary>
    public DateTimeOffset CurrentFrom { get; init; }

    /// <summary>Gets the exclusive end of the current period.</summary>
    public DateTimeOffset CurrentTo { get; init; }

    /// <summary>Gets the mean of the metric over the reference period's windows.</summary>
    public double ReferenceMean { get; init; }

    /// <summary>Gets how many reference windows had a value.</summary>
    public int ReferenceCount { get; init; }

    /// <summary>Gets the mean of the metric over the current period's windows.</summary>
    public double CurrentMean { get; init; }

    /// <summary>Gets how many current windows had a value.</summary>
    public int CurrentCount { get; init; }

    /// <summary>Gets Welch's t statistic of the reference against the current windows (positive when the reference mean is higher).</summary>
    public double TStatistic { get; init; }

    /// <summary>Gets the Welch-Satterthwaite degrees of freedom.</summary>
    public double DegreesOfFreedom { get; init; }

    /// <summary>Gets the one-sided p-value in the direction of a degradation; <see cref="double.NaN"/> when both periods are constant and equal.</summary>
    public double PValue { get; init; }

    /// <summary>
    /// Gets how much worse the current mean is than the reference mean, in percent of the reference mean's magnitude: positive
    /// for a degradation, negative for an improvement; infinite when the reference mean is 0 and the current one worse.
    /// </summary>
    public double DegradationPercent { get; init; }

    /// <summary>Gets whether the check found drift: p-value below the significance level and a degradation of at least the minimum.</summary>
    public bool Drifted { get; init; }

    /// <summary>Gets the severity of a drifted check, or <see langword="null"/> when the check found no drift.</summary>
    public AlertSeverity? Severity { get; init; }
}
