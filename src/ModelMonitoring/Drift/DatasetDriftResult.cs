namespace ModelMonitoring.Drift;

/// <summary>The outcome of checking a current dataset against a <see cref="ReferenceProfile"/>.</summary>
/// <remarks>
/// A custom <see cref="IDriftDetector"/> returns one: it builds a <see cref="FeatureDriftResult"/> per
/// feature (or per quantity it tests) and passes them with its share threshold; every other property
/// is derived from those two, exactly as for <see cref="DatasetDriftDetector"/>, so stored checks and
/// drift alerts treat every detector alike.
/// </remarks>
/// <example>
/// <code>
/// var features = new List&lt;FeatureDriftResult&gt;
/// {
///     // Feature, kind, method, statistic, p-value (null for a distance), threshold, drifted, score in [0, 1].
///     new("amount", FeatureKind.Numeric, "my_test", 0.4, 0.001, 0.05, true, 1),
/// };
/// return new DatasetDriftResult(features, driftShareThreshold: 0.5);
/// </code>
/// </example>
public sealed class DatasetDriftResult
{
    /// <summary>Creates a result from per-feature results; the counts, share, verdict, score and recommendation are derived from them.</summary>
    /// <param name="features">
    /// The per-feature results, in the order to store and report them; may be empty (then nothing
    /// drifted). The list is copied.
    /// </param>
    /// <param name="driftShareThreshold">
    /// The share of drifted features at or above which the dataset is declared drifted, in (0, 1];
    /// use <c>1.0 / features.Count</c> to declare drift when any feature drifted.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="features"/> or one of its items is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="driftShareThreshold"/> is outside (0, 1].</exception>
    public DatasetDriftResult(IReadOnlyList<FeatureDriftResult> features, double driftShareThreshold)
        : this(features, driftShareThreshold, DatasetDriftRule.DriftShare)
    {
    }

    /// <summary>Creates a result from per-feature results, with the verdict decided by <paramref name="rule"/>.</summary>
    /// <param name="features">
    /// The per-feature results, in the order to store and report them; may be empty (then nothing
    /// drifted). The list is copied.
    /// </param>
    /// <param name="driftShareThreshold">
    /// The share of drifted features at or above which the dataset is declared drifted under
    /// <see cref="DatasetDriftRule.DriftShare"/>, in (0, 1]; kept but not used under another rule.
    /// </param>
    /// <param name="rule">How the verdict is decided.</param>
    /// <exception cref="ArgumentNullException"><paramref name="features"/> or one of its items is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="driftShareThreshold"/> is outside (0, 1], or <paramref name="rule"/> is not a defined value.</exception>
    public DatasetDriftResult(IReadOnlyList<FeatureDriftResult> features, double driftShareThreshold, DatasetDriftRule rule)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (driftShareThreshold is not (> 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(driftShareThreshold), driftShareThreshold, "The drift share threshold must lie in (0, 1].");
        }

        if (!Enum.IsDefined(rule))
        {
            throw new ArgumentOutOfRangeException(nameof(rule), rule, "Not a dataset drift rule.");
        }

        FeatureDriftResult[] copy = [.. features];
        if (Array.IndexOf(copy, null) >= 0)
        {
            throw new ArgumentNullException(nameof(features), "A feature result is null.");
        }

        features = copy;
        Features = features;
        DriftShareThreshold = driftShareThreshold;
        DriftedCount = features.Count(f => f.Drifted);
        DriftedShare = features.Count == 0 ? 0 : (double)DriftedCount / features.Count;
        Score = features.Count == 0 ? 0 : features.Average(f => f.Score);
        Rule = rule;
        DatasetDrifted = features.Count > 0 && (rule == DatasetDriftRule.ScoreOrShare
            ? Score > DriftConstants.SeedDatasetScore || DriftedShare > DriftConstants.SeedDatasetShare
            : DriftedShare >= driftShareThreshold);
        Recommendation = Severity(Score, DriftedShare, DriftedCount);
    }

    /// <summary>Gets the result of each feature: numeric features first, then categorical, each in profile order.</summary>
    public IReadOnlyList<FeatureDriftResult> Features { get; }

    /// <summary>Gets the number of drifted features.</summary>
    public int DriftedCount { get; }

    /// <summary>Gets the share of drifted features, in [0, 1].</summary>
    public double DriftedShare { get; }

    /// <summary>Gets the share of drifted features at or above which the dataset is declared drifted (<see cref="DatasetDriftOptions.DriftShare"/>).</summary>
    public double DriftShareThreshold { get; }

    /// <summary>Gets how <see cref="DatasetDrifted"/> was decided (<see cref="DatasetDriftOptions.Rule"/>).</summary>
    public DatasetDriftRule Rule { get; }

    /// <summary>
    /// Gets whether the dataset drifted: under <see cref="DatasetDriftRule.DriftShare"/>, whether
    /// <see cref="DriftedShare"/> reached <see cref="DriftShareThreshold"/>; under
    /// <see cref="DatasetDriftRule.ScoreOrShare"/>, whether <see cref="Score"/> is above 0.5 or
    /// <see cref="DriftedShare"/> above 0.3.
    /// </summary>
    public bool DatasetDrifted { get; }

    /// <summary>
    /// Gets the overall drift score in [0, 1]: the mean of the features'
    /// <see cref="FeatureDriftResult.Score"/>, each capped at 1. A feature contributes 1 when it
    /// drifted and a proportionally smaller amount the further it is from its threshold, so the
    /// score also rises when many features approach drift without crossing it.
    /// </summary>
    public double Score { get; }

    /// <summary>
    /// Gets the recommended severity: <see cref="DriftSeverity.Critical"/> when
    /// <see cref="Score"/> &gt; 0.8 or more than 50 % of the features drifted;
    /// <see cref="DriftSeverity.Warning"/> when the score &gt; 0.6 or more than 30 % drifted;
    /// <see cref="DriftSeverity.Notice"/> when at least one feature drifted; otherwise
    /// <see cref="DriftSeverity.None"/>.
    /// </summary>
    public DriftSeverity Recommendation { get; }

    private static DriftSeverity Severity(double score, double share, int drifted) =>
        score > DriftConstants.CriticalScore || share > DriftConstants.CriticalShare ? DriftSeverity.Critical
        : score > DriftConstants.WarningScore || share > DriftConstants.WarningShare ? DriftSeverity.Warning
        : drifted > 0 ? DriftSeverity.Notice
        : DriftSeverity.None;
}
