namespace ModelMonitoring.Drift;

/// <summary>
/// The names of the built-in drift methods, as accepted by <see cref="FeatureDriftMethod.Method"/>,
/// reported in <see cref="FeatureDriftResult.Method"/> and listed, with their descriptions, by
/// <see cref="DatasetDriftOptions.Catalog"/>. A custom <see cref="DriftMethod"/> added to that catalog
/// is chosen by its own name the same way.
/// </summary>
/// <remarks>
/// Statistical tests (<see cref="KolmogorovSmirnov"/>, <see cref="MannWhitney"/>, <see cref="TTest"/>,
/// <see cref="ZTest"/>, <see cref="ChiSquare"/>, <see cref="AndersonDarling"/>,
/// <see cref="CramerVonMises"/>) declare drift when the p-value is below the threshold, which must
/// lie in (0, 1). Distances declare drift when the distance is at or above the threshold, which
/// must be positive and finite.
/// </remarks>
public static class DriftMethods
{
    /// <summary>Two-sample Kolmogorov-Smirnov test; numeric features.</summary>
    public const string KolmogorovSmirnov = "ks";

    /// <summary>Mann-Whitney U test; numeric features.</summary>
    public const string MannWhitney = "mannwhitney";

    /// <summary>Welch's t-test; numeric features.</summary>
    public const string TTest = "ttest";

    /// <summary>Two-proportion Z-test; categorical features with exactly two categories.</summary>
    public const string ZTest = "ztest";

    /// <summary>Pearson's chi-square test of homogeneity; categorical features.</summary>
    public const string ChiSquare = "chisquare";

    /// <summary>Anderson-Darling k-sample test; numeric features.</summary>
    public const string AndersonDarling = "andersondarling";

    /// <summary>Two-sample Cramér-von Mises test; numeric features.</summary>
    public const string CramerVonMises = "cramervonmises";

    /// <summary>Energy distance; numeric features.</summary>
    public const string Energy = "energy";

    /// <summary>Wasserstein distance normed: divided by the reference's standard deviation (<c>np.std</c>, at least 0.001); numeric features.</summary>
    public const string Wasserstein = "wasserstein";

    /// <summary>Population stability index; numeric and categorical features.</summary>
    public const string PopulationStabilityIndex = "psi";

    /// <summary>Jensen-Shannon distance (base 2); numeric and categorical features.</summary>
    public const string JensenShannon = "jensenshannon";

    /// <summary>Kullback-Leibler divergence; numeric and categorical features.</summary>
    public const string KullbackLeibler = "kl";

    /// <summary>Hellinger distance; numeric and categorical features.</summary>
    public const string Hellinger = "hellinger";

    /// <summary>
    /// The first seed's combined verdict; numeric and categorical features. Numeric: Kolmogorov-Smirnov,
    /// Mann-Whitney U, Jensen-Shannon and the relative change of the mean and of the standard deviation,
    /// drifted when the KS p-value is at most 0.05, the Jensen-Shannon distance at least 0.1 or the
    /// mean changed by at least 20 %. Categorical: chi-square and Jensen-Shannon, drifted when the
    /// p-value is at most 0.05 or the distance at least 0.1. The statistic is the largest of
    /// ln p / ln 0.05, distance / 0.1 and |mean change| / 0.2, so drift is declared at 1 (the default
    /// threshold); every component is in <see cref="FeatureDriftResult.Details"/>.
    /// </summary>
    public const string Combined = "combined";
}
