namespace ModelMonitoring.Drift;

/// <summary>What a <see cref="DriftMethod"/> measured on one feature: its statistic and, for a test, its p-value.</summary>
/// <param name="Statistic">The test statistic, or the distance.</param>
/// <param name="PValue">
/// The p-value of a test, or <see langword="null"/> for a distance. A test that cannot tell (NaN or
/// <see langword="null"/>) declares no drift.
/// </param>
public readonly record struct DriftMeasurement(double Statistic, double? PValue)
{
    /// <summary>
    /// Gets the values a method combines besides <see cref="Statistic"/> and <see cref="PValue"/>, by name
    /// (such as <c>ks_pvalue</c>), reported in <see cref="FeatureDriftResult.Details"/>; finite values only.
    /// The default value is <see langword="null"/>, for none.
    /// </summary>
    public IReadOnlyDictionary<string, double>? Details { get; init; }
}
