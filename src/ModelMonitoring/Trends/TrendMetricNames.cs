namespace ModelMonitoring.Trends;

/// <summary>The names of the roll-up values that <see cref="ITrendReader"/> returns.</summary>
public static class TrendMetricNames
{
    /// <summary>Predictions in the bucket (successes and errors).</summary>
    public const string PredictionCount = "prediction_count";

    /// <summary>Failed predictions in the bucket.</summary>
    public const string ErrorCount = "error_count";

    /// <summary>Mean latency in milliseconds over every prediction of the bucket.</summary>
    public const string LatencyMean = "latency_mean_ms";

    /// <summary>Median latency in milliseconds (nearest rank, exact).</summary>
    public const string LatencyP50 = "latency_p50_ms";

    /// <summary>95th percentile latency in milliseconds (nearest rank, exact).</summary>
    public const string LatencyP95 = "latency_p95_ms";

    /// <summary>99th percentile latency in milliseconds (nearest rank, exact).</summary>
    public const string LatencyP99 = "latency_p99_ms";

    /// <summary>Mean confidence of the predictions that reported one; its weight is how many did.</summary>
    public const string ConfidenceMean = "confidence_mean";

    /// <summary>Prefix of realized performance: <c>performance:&lt;metric&gt;</c>, the mean over the bucket's windows weighted by their label counts (the windows of all predictions, not per segment).</summary>
    public const string PerformancePrefix = "performance:";

    /// <summary>
    /// Prefix of performance estimation: <c>estimated:&lt;metric&gt;</c> for each window metric of
    /// <see cref="Estimation.EstimatedMetricNames"/> (<c>estimated:estimated.accuracy</c>, and
    /// <c>estimated:estimated.accuracy.lower</c> and <c>.upper</c> for its band), the mean over the windows that started in
    /// the bucket; its weight is how many windows were estimated.
    /// </summary>
    public const string EstimatedPrefix = "estimated:";

    /// <summary>Mean health score (0–100) of the windows that started in the bucket; its weight is how many windows were scored.</summary>
    public const string HealthScoreMean = "health_score_mean";

    /// <summary>Lowest health score (0–100) of the windows that started in the bucket; its weight is how many windows were scored.</summary>
    public const string HealthScoreMin = "health_score_min";

    /// <summary>Prefix of a feature's highest drift score in the bucket: <c>drift_max_score:&lt;feature&gt;</c>.</summary>
    public const string DriftMaxScorePrefix = "drift_max_score:";

    /// <summary>Prefix of a feature's mean drift score in the bucket: <c>drift_mean_score:&lt;feature&gt;</c>; its weight is how many tests had a score.</summary>
    public const string DriftMeanScorePrefix = "drift_mean_score:";

    /// <summary>Prefix of how many of a feature's drift tests found drift: <c>drift_drifted:&lt;feature&gt;</c>; its weight is how many tests ran.</summary>
    public const string DriftDriftedPrefix = "drift_drifted:";
}
