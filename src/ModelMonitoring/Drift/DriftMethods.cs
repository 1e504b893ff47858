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
}
