namespace ModelMonitoring.Drift;

/// <summary>The outcome of checking a current dataset against a <see cref="ReferenceProfile"/>.</summary>
public sealed class DatasetDriftResult
{
    internal DatasetDriftResult(IReadOnlyList<FeatureDriftResult> features, double driftShareThreshold)
    {
        Features = features;
        DriftShareThreshold = driftShareThreshold;
        DriftedCount = features.Count(f => f.Drifted);
        DriftedShare = features.Count == 0 ? 0 : (double)DriftedCount / features.Count;
        DatasetDrifted = features.Count > 0 && DriftedShare >= driftShareThreshold;
        Score = features.Count == 0 ? 0 : features.Average(f => f.Score);
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

    /// <summary>Gets whether <see cref="DriftedShare"/> reached <see cref="DatasetDriftOptions.DriftShare"/>.</summary>
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
