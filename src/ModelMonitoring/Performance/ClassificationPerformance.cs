namespace ModelMonitoring.Performance;

/// <summary>
/// Classification metrics of one set of labelled predictions, as scikit-learn computes them with its default
/// <c>zero_division</c> (a ratio whose denominator is zero is 0).
/// </summary>
/// <remarks>
/// <see cref="Classes"/> holds every class that was predicted or true, in ordinal order (scikit-learn's sorted labels);
/// the per-class arrays follow it, and <see cref="Confusion"/> counts by true class (row) and predicted class (column).
/// </remarks>
internal sealed record ClassificationPerformance(
    IReadOnlyList<string> Classes,
    long[,] Confusion,
    double Accuracy,
    double[] Precision,
    double[] Recall,
    double[] F1,
    long[] Support,
    double PrecisionMacro,
    double RecallMacro,
    double F1Macro,
    double PrecisionWeighted,
    double RecallWeighted,
    double F1Weighted)
{
    /// <summary>Gets the ROC AUC of the positive class's scores, or <see langword="null"/> unless two classes are known, each true at least once, and every prediction has a score.</summary>
    public double? RocAuc { get; init; }

    /// <summary>Gets the log loss of the positive class's scores, or <see langword="null"/> unless two classes are known and every prediction has a score.</summary>
    public double? LogLoss { get; init; }
}
