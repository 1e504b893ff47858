namespace ModelMonitoring.Drift;

/// <summary>The outcome of the drift check of one feature.</summary>
/// <param name="Feature">The feature's name.</param>
/// <param name="Kind">Whether the feature is numeric or categorical.</param>
/// <param name="Method">
/// The method used: for the built-in detectors, one of the names in <see cref="DriftMethods"/>; a
/// custom <see cref="IDriftDetector"/> names its own.
/// </param>
/// <param name="Statistic">The test statistic or the distance.</param>
/// <param name="PValue">The p-value, for statistical tests; <see langword="null"/> for distances.</param>
/// <param name="Threshold">The p-value below which, or the distance at or above which, drift is declared.</param>
/// <param name="Drifted">Whether drift was declared.</param>
/// <param name="Score">
/// How close the feature is to drifting, in [0, 1]: for a distance, statistic / threshold; for a
/// test, ln(p) / ln(threshold); capped at 1, so it reaches 1 exactly where drift is declared.
/// </param>
public sealed record FeatureDriftResult(
    string Feature,
    FeatureKind Kind,
    string Method,
    double Statistic,
    double? PValue,
    double Threshold,
    bool Drifted,
    double Score)
{
    /// <summary>
    /// Gets the component values of a method that combines several (<see cref="DriftMethods.Combined"/>):
    /// each test's statistic and p-value, each distance and change, by name; finite values only. They are
    /// reported, not stored with the drift history. The default value is an empty dictionary.
    /// </summary>
    public IReadOnlyDictionary<string, double> Details { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, double>.Empty;

    /// <summary>
    /// Gets how many current values of the feature were missing (NaN, or a null category) and so left out of the
    /// comparison. Reported, not stored with the drift history. The default value is 0.
    /// </summary>
    public long MissingCount { get; init; }
}
