using ModelMonitoring.Statistics;

namespace ModelMonitoring.Drift;

/// <summary>Which methods apply to which feature kind, how their thresholds are checked, and how they run.</summary>
internal static class DriftMethodCatalog
{
    private static readonly string[] NumericMethods =
    [
        DriftMethods.KolmogorovSmirnov, DriftMethods.MannWhitney, DriftMethods.TTest, DriftMethods.AndersonDarling,
        DriftMethods.CramerVonMises, DriftMethods.Energy, DriftMethods.Wasserstein, DriftMethods.PopulationStabilityIndex,
        DriftMethods.JensenShannon, DriftMethods.KullbackLeibler, DriftMethods.Hellinger,
    ];

    private static readonly string[] CategoricalMethods =
    [
        DriftMethods.ZTest, DriftMethods.ChiSquare, DriftMethods.PopulationStabilityIndex,
        DriftMethods.JensenShannon, DriftMethods.KullbackLeibler, DriftMethods.Hellinger,
    ];

    private static readonly string[] TestMethods =
    [
        DriftMethods.KolmogorovSmirnov, DriftMethods.MannWhitney, DriftMethods.TTest, DriftMethods.ZTest,
        DriftMethods.ChiSquare, DriftMethods.AndersonDarling, DriftMethods.CramerVonMises,
    ];

    public static string AllNames => string.Join(", ", NumericMethods.Union(CategoricalMethods));

    public static bool IsKnown(string method) => NumericMethods.Contains(method) || CategoricalMethods.Contains(method);

    public static bool IsTest(string method) => TestMethods.Contains(method);

    public static string? ThresholdError(string method, double threshold) => IsTest(method)
        ? threshold is > 0 and < 1 ? null : $"the p-value threshold of '{method}' must lie in (0, 1), not {threshold}"
        : threshold > 0 && double.IsFinite(threshold) ? null : $"the distance threshold of '{method}' must be positive and finite, not {threshold}";

    public static string? KindError(string method, FeatureKind kind)
    {
        var allowed = kind == FeatureKind.Numeric ? NumericMethods : CategoricalMethods;
        return allowed.Contains(method)
            ? null
            : $"'{method}' does not apply to a {kind.ToString().ToLowerInvariant()} feature; allowed: {string.Join(", ", allowed)}";
    }

    public static TwoSampleResult RunNumeric(string method, FeatureProfile reference, ReadOnlySpan<double> current) => method switch
    {
        DriftMethods.KolmogorovSmirnov => TwoSampleTests.KolmogorovSmirnov(reference.Sample, current),
        DriftMethods.MannWhitney => TwoSampleTests.MannWhitneyU(reference.Sample, current),
        DriftMethods.TTest => ParametricTests.WelchTTest(reference.Sample, current),
        DriftMethods.AndersonDarling => TwoSampleTests.AndersonDarling(reference.Sample, current),
        DriftMethods.CramerVonMises => TwoSampleTests.CramerVonMises(reference.Sample, current),
        DriftMethods.Energy => DistributionDistances.EnergyDistance(reference.Sample, current),
        DriftMethods.Wasserstein => DistributionDistances.NormedWasserstein(reference.Sample, current),
        DriftMethods.PopulationStabilityIndex => BinnedDistances.PopulationStabilityIndex(reference.Histogram, current),
        DriftMethods.JensenShannon => BinnedDistances.JensenShannon(reference.Histogram, current),
        DriftMethods.KullbackLeibler => BinnedDistances.KullbackLeibler(reference.Histogram, current),
        DriftMethods.Hellinger => BinnedDistances.Hellinger(reference.Histogram, current),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Not a numeric drift method."),
    };

    public static TwoSampleResult RunCategorical(string method, string feature, ReadOnlySpan<long> reference, ReadOnlySpan<long> current) => method switch
    {
        DriftMethods.ZTest => ZTest(feature, reference, current),
        DriftMethods.ChiSquare => CategoricalTests.ChiSquare(reference, current),
        DriftMethods.PopulationStabilityIndex => BinnedDistances.PopulationStabilityIndex(reference, current),
        DriftMethods.JensenShannon => BinnedDistances.JensenShannon(reference, current),
        DriftMethods.KullbackLeibler => BinnedDistances.KullbackLeibler(reference, current),
        DriftMethods.Hellinger => BinnedDistances.Hellinger(reference, current),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Not a categorical drift method."),
    };

    private static TwoSampleResult ZTest(string feature, ReadOnlySpan<long> reference, ReadOnlySpan<long> current)
    {
        if (reference.Length != 2)
        {
            throw new InvalidOperationException(
                $"Feature '{feature}': the Z-test needs exactly two categories in reference and current together, found {reference.Length}.");
        }

        return ParametricTests.ProportionsZTest(reference[0], reference[0] + reference[1], current[0], current[0] + current[1]);
    }
}
