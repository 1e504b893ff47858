namespace ModelMonitoring.Drift;

/// <summary>How urgently a dataset's drift should be acted on; see <see cref="DatasetDriftResult.Recommendation"/>.</summary>
public enum DriftSeverity
{
    /// <summary>No feature drifted and the drift score is at most 0.6.</summary>
    None,

    /// <summary>At least one feature drifted, but the thresholds of <see cref="Warning"/> are not reached.</summary>
    Notice,

    /// <summary>The drift score exceeds 0.6 or more than 30 % of the features drifted.</summary>
    Warning,

    /// <summary>The drift score exceeds 0.8 or more than 50 % of the features drifted.</summary>
    Critical,
}
