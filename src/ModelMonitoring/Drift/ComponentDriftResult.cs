namespace ModelMonitoring.Drift;

/// <summary>The Kolmogorov-Smirnov test of one principal component's projections.</summary>
/// <param name="Index">The component's index, 0 for the one that explains the most variance.</param>
/// <param name="ExplainedVarianceRatio">The share of the standardised reference variance the component explains.</param>
/// <param name="Statistic">The two-sample Kolmogorov-Smirnov statistic D between the reference and current projections.</param>
/// <param name="PValue">The p-value, as <c>scipy.stats.ks_2samp</c> (exact up to 10,000 values per sample, asymptotic above).</param>
/// <param name="Threshold">
/// The p-value below which the component drifted: <see cref="MultivariateDriftOptions.Alpha"/>
/// divided by the number of kept components.
/// </param>
/// <param name="Drifted">Whether <paramref name="PValue"/> is below <paramref name="Threshold"/>.</param>
public sealed record ComponentDriftResult(
    int Index,
    double ExplainedVarianceRatio,
    double Statistic,
    double PValue,
    double Threshold,
    bool Drifted);
