using System.Globalization;
using ModelMonitoring.Drift;

namespace ModelMonitoring.Cli;

/// <summary>
/// The method names the CLI accepts and what it says about them, all read from the library's
/// catalog of drift methods, so a method registered there is accepted by <c>--method</c> and listed
/// in the help without an edit here.
/// </summary>
internal static class MethodTable
{
    public const string Auto = "auto";

    private static readonly DriftMethodCatalog Catalog = new DatasetDriftOptions().Catalog;

    /// <summary>The accepted names besides <see cref="Auto"/>, in the catalog's order.</summary>
    public static readonly string[] All = Catalog.Select(m => m.Name).ToArray();

    public static bool AppliesTo(string method, bool numeric) => Get(method).AppliesTo(numeric ? FeatureKind.Numeric : FeatureKind.Categorical);

    public static bool IsKnown(string method) => Catalog.TryGet(method, out _);

    public static bool IsTest(string method) => Get(method).HasPValue;

    public static double DefaultThreshold(string method) => Get(method).DefaultThreshold;

    public static string Description(string method) => Get(method).Description;

    public static string ThresholdRule(string method) => Get(method).ThresholdRule();

    public static string? ThresholdError(string method, double threshold) =>
        Get(method).ThresholdError(threshold) is null ? null : ThresholdRule(method);

    /// <summary>
    /// One line per method for the help: name, description, the kinds it applies to and its default
    /// threshold, such as <c>wasserstein  Wasserstein distance, normed: … (numeric; drift at 0.1 or more)</c>.
    /// </summary>
    public static IReadOnlyList<string> HelpLines()
    {
        var width = Catalog.Max(m => m.Name.Length);
        return Catalog.Select(m => string.Create(
            CultureInfo.InvariantCulture,
            $"{m.Name.PadRight(width)}  {m.Description} ({m.KindsText()}; {Rule(m)})")).ToArray();
    }

    private static string Rule(DriftMethod method)
    {
        var threshold = method.DefaultThreshold.ToString("G4", CultureInfo.InvariantCulture);
        return method.HasPValue ? $"drift at p < {threshold}"
            : method.HigherStatisticMeansDrift ? $"drift at {threshold} or more"
            : $"drift at {threshold} or less";
    }

    private static DriftMethod Get(string method) =>
        Catalog.TryGet(method, out var found) ? found : throw new ArgumentOutOfRangeException(nameof(method), method, "Not a drift method.");
}
