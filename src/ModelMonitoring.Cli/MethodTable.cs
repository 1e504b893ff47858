using ModelMonitoring.Drift;

namespace ModelMonitoring.Cli;

/// <summary>The method names the CLI accepts, which are tests and their default thresholds.</summary>
internal static class MethodTable
{
    public const string Auto = "auto";

    private const double PValueThreshold = 0.05;

    private const double DistanceThreshold = 0.1;

    public static readonly string[] All =
    [
        DriftMethods.KolmogorovSmirnov, DriftMethods.MannWhitney, DriftMethods.TTest, DriftMethods.ZTest,
        DriftMethods.ChiSquare, DriftMethods.AndersonDarling, DriftMethods.CramerVonMises, DriftMethods.Energy,
        DriftMethods.Wasserstein, DriftMethods.PopulationStabilityIndex, DriftMethods.JensenShannon,
        DriftMethods.KullbackLeibler, DriftMethods.Hellinger,
    ];

    private static readonly string[] Tests =
    [
        DriftMethods.KolmogorovSmirnov, DriftMethods.MannWhitney, DriftMethods.TTest, DriftMethods.ZTest,
        DriftMethods.ChiSquare, DriftMethods.AndersonDarling, DriftMethods.CramerVonMises,
    ];

    private static readonly string[] CategoricalOnly = [DriftMethods.ZTest, DriftMethods.ChiSquare];

    private static readonly string[] Both =
    [
        DriftMethods.PopulationStabilityIndex, DriftMethods.JensenShannon, DriftMethods.KullbackLeibler, DriftMethods.Hellinger,
    ];

    public static bool AppliesTo(string method, bool numeric) =>
        Both.Contains(method, StringComparer.Ordinal) || CategoricalOnly.Contains(method, StringComparer.Ordinal) != numeric;

    public static bool IsKnown(string method) => All.Contains(method, StringComparer.Ordinal);

    public static bool IsTest(string method) => Tests.Contains(method, StringComparer.Ordinal);

    public static double DefaultThreshold(string method) => IsTest(method) ? PValueThreshold : DistanceThreshold;

    public static string ThresholdRule(string method) => IsTest(method)
        ? $"'{method}' is a test; its threshold is a p-value in (0, 1)"
        : $"'{method}' is a distance; its threshold must be positive and finite";

    public static string? ThresholdError(string method, double threshold) =>
        (IsTest(method) ? threshold is > 0 and < 1 : threshold > 0 && double.IsFinite(threshold)) ? null : ThresholdRule(method);
}
