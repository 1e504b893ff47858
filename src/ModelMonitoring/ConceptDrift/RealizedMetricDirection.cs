using ModelMonitoring.Performance;

namespace ModelMonitoring.ConceptDrift;

/// <summary>Whether a realized metric is better higher or lower; counts (support, confusion cells) have no direction.</summary>
internal static class RealizedMetricDirection
{
    private static readonly string[] HigherIsBetter =
    [
        RealizedMetricNames.Accuracy, RealizedMetricNames.PrecisionMacro, RealizedMetricNames.RecallMacro, RealizedMetricNames.F1Macro,
        RealizedMetricNames.PrecisionWeighted, RealizedMetricNames.RecallWeighted, RealizedMetricNames.F1Weighted,
        RealizedMetricNames.RocAuc, RealizedMetricNames.R2,
    ];

    private static readonly string[] LowerIsBetter =
    [
        RealizedMetricNames.MeanAbsoluteError, RealizedMetricNames.RootMeanSquaredError, RealizedMetricNames.MeanAbsolutePercentageError,
        RealizedMetricNames.LogLoss,
    ];

    private static readonly string[] PerClassHigherIsBetter = ["realized.precision[", "realized.recall[", "realized.f1["];

    /// <summary>The names a concept drift check accepts, for error messages.</summary>
    public static string Allowed => string.Join(", ", HigherIsBetter.Concat(LowerIsBetter)) + ", realized.precision[<class>], realized.recall[<class>], realized.f1[<class>]";

    /// <summary>Gets <see langword="true"/> when higher is better, <see langword="false"/> when lower is, <see langword="null"/> for an unknown name or a count.</summary>
    public static bool? Of(string? metric)
    {
        if (metric is null)
        {
            return null;
        }

        if (HigherIsBetter.Contains(metric, StringComparer.Ordinal))
        {
            return true;
        }

        if (LowerIsBetter.Contains(metric, StringComparer.Ordinal))
        {
            return false;
        }

        return PerClassHigherIsBetter.Any(p => metric.StartsWith(p, StringComparison.Ordinal) && metric.Length > p.Length + 1 && metric.EndsWith(']'))
            ? true
            : null;
    }
}
