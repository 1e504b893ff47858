namespace ModelMonitoring.Aggregation;

/// <summary>
/// Names of the metrics the pipeline computes for every model and aggregation window. They are
/// stored like recorded metrics (with <see cref="Storage.MetricRecord.WindowStart"/> set) and can
/// carry thresholds.
/// </summary>
public static class WindowMetricNames
{
    /// <summary>Predictions in the window.</summary>
    public const string PredictionCount = "prediction_count";

    /// <summary>Predictions per second over the window.</summary>
    public const string Throughput = "throughput_per_s";

    /// <summary>Share of failed predictions, 0 to 1.</summary>
    public const string ErrorRate = "error_rate";

    /// <summary>Mean latency in milliseconds.</summary>
    public const string LatencyMean = "latency_mean_ms";

    /// <summary>Median latency in milliseconds.</summary>
    public const string LatencyP50 = "latency_p50_ms";

    /// <summary>95th percentile latency in milliseconds.</summary>
    public const string LatencyP95 = "latency_p95_ms";

    /// <summary>99th percentile latency in milliseconds.</summary>
    public const string LatencyP99 = "latency_p99_ms";

    /// <summary>Mean confidence of the predictions that reported one.</summary>
    public const string ConfidenceMean = "confidence_mean";

    /// <summary>Share of the most common predicted class, 0 to 1 (1 means the model predicts one class only).</summary>
    public const string ClassBias = "class_bias";

    /// <summary>Prefix of the per-class share metrics: <c>class_share.&lt;label&gt;</c>.</summary>
    public const string ClassSharePrefix = "class_share.";

    /// <summary>Share of labels that arrived in the window whose prediction was right (classifiers).</summary>
    public const string Accuracy = "accuracy";

    /// <summary>Mean absolute error of labels that arrived in the window (regressors).</summary>
    public const string MeanAbsoluteError = "mae";

    /// <summary>Labels that arrived in the window and were joined to a remembered prediction.</summary>
    public const string LabeledCount = "labeled_count";

    /// <summary>Prefix of the per-feature data-quality metrics: <c>quality.&lt;feature&gt;.&lt;measure&gt;</c>.</summary>
    public const string QualityPrefix = "quality.";

    /// <summary>Suffix of a feature's share of missing values (NaN or null) in the window, 0 to 1.</summary>
    public const string MissingShareSuffix = ".missing_share";

    /// <summary>Suffix of a numeric feature's share of values outside the reference's minimum and maximum, 0 to 1 (once the model has a drift reference).</summary>
    public const string OutOfRangeShareSuffix = ".out_of_range_share";

    /// <summary>Suffix of a categorical feature's share of values the reference never saw, 0 to 1 (once the model has a drift reference).</summary>
    public const string NewCategoryShareSuffix = ".new_category_share";

    /// <summary>Suffix of whether a feature was constant: 1 when the window has at least two values and all are equal, else 0.</summary>
    public const string ConstantSuffix = ".constant";

    /// <summary>Gets every fixed window metric name.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        PredictionCount, Throughput, ErrorRate, LatencyMean, LatencyP50, LatencyP95, LatencyP99,
        ConfidenceMean, ClassBias, Accuracy, MeanAbsoluteError, LabeledCount,
    ];

    /// <summary>Whether a name is a window metric (a fixed one, a class share, or a performance estimate of <see cref="Estimation.EstimatedMetricNames"/>). The health metrics of <see cref="Health.HealthMetricNames"/> are stored with the window but computed after its thresholds, so they are not among them.</summary>
    /// <param name="name">The name to check.</param>
    /// <returns><see langword="true"/> for a window metric.</returns>
    public static bool IsWindowMetric(string? name) =>
        name is not null && (All.Contains(name) || (name.StartsWith(ClassSharePrefix, StringComparison.Ordinal) && name.Length > ClassSharePrefix.Length) || QualityFeatureOf(name) is not null
            || Estimation.EstimatedMetricNames.All.Contains(name));

    internal static string MissingShare(string feature) => QualityPrefix + feature + MissingShareSuffix;

    internal static string OutOfRangeShare(string feature) => QualityPrefix + feature + OutOfRangeShareSuffix;

    internal static string NewCategoryShare(string feature) => QualityPrefix + feature + NewCategoryShareSuffix;

    internal static string Constant(string feature) => QualityPrefix + feature + ConstantSuffix;

    private static readonly string[] QualitySuffixes = [MissingShareSuffix, OutOfRangeShareSuffix, NewCategoryShareSuffix, ConstantSuffix];

    /// <summary>Splits a data-quality metric name into its feature and suffix; <see langword="null"/> for any other name.</summary>
    internal static (string Feature, string Suffix)? QualityFeatureOf(string name)
    {
        if (!name.StartsWith(QualityPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var suffix in QualitySuffixes)
        {
            if (name.Length > QualityPrefix.Length + suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return (name[QualityPrefix.Length..^suffix.Length], suffix);
            }
        }

        return null;
    }
}
