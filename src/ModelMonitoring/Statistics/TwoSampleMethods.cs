namespace ModelMonitoring.Statistics;

/// <summary>
/// Names reported in <see cref="TwoSampleResult.Method"/>, so callers can switch on a method
/// without repeating string literals.
/// </summary>
internal static class TwoSampleMethods
{
    /// <summary>The two-sample Kolmogorov-Smirnov test.</summary>
    public const string KolmogorovSmirnov = "KolmogorovSmirnov";

    /// <summary>The Mann-Whitney U test.</summary>
    public const string MannWhitneyU = "MannWhitneyU";

    /// <summary>Welch's unequal-variance t-test.</summary>
    public const string WelchTTest = "WelchTTest";

    /// <summary>Student's pooled-variance t-test.</summary>
    public const string StudentTTest = "StudentTTest";

    /// <summary>The pooled two-proportion Z-test.</summary>
    public const string ProportionsZTest = "ProportionsZTest";

    /// <summary>Pearson's chi-square test of homogeneity on a 2×k table.</summary>
    public const string ChiSquare = "ChiSquare";

    /// <summary>The Anderson-Darling k-sample test with two samples.</summary>
    public const string AndersonDarling = "AndersonDarling";

    /// <summary>The two-sample Cramér-von Mises test.</summary>
    public const string CramerVonMises = "CramerVonMises";

    /// <summary>The energy distance.</summary>
    public const string EnergyDistance = "EnergyDistance";

    /// <summary>The first Wasserstein (earth mover's) distance.</summary>
    public const string Wasserstein = "Wasserstein";

    /// <summary>The first Wasserstein distance divided by the reference's standard deviation.</summary>
    public const string NormedWasserstein = "NormedWasserstein";

    /// <summary>The population stability index.</summary>
    public const string PopulationStabilityIndex = "PopulationStabilityIndex";

    /// <summary>The Jensen-Shannon distance in base 2.</summary>
    public const string JensenShannon = "JensenShannon";

    /// <summary>The Kullback-Leibler divergence of the reference from the current distribution, in nats.</summary>
    public const string KullbackLeibler = "KullbackLeibler";

    /// <summary>The Hellinger distance.</summary>
    public const string Hellinger = "Hellinger";
}
