namespace ModelMonitoring.Fleet;

/// <summary>
/// What one replica saw of one model in one aggregation window, in a form that adds up: counts, sums and the
/// latency histogram's buckets rather than means and percentiles. When <see cref="ModelMonitoringOptions.FleetWindows"/>
/// is on, every replica saves one per closed window (<see cref="IWindowPartialStore"/>) and the leader merges the
/// partials of a window into the fleet's window metrics, which equal those one process would compute from all the traffic.
/// </summary>
/// <remarks>
/// A partial is keyed by <see cref="Model"/>, <see cref="WindowStart"/> and <see cref="Replica"/>; saving it again
/// replaces it, so a retried save is counted once. Latency buckets are those of the pipeline's logarithmic histogram
/// (each 2 % wider than the last, from 1 µs), so a merged percentile is within 1 % of the exact value, as in one process.
/// </remarks>
public sealed record WindowPartial
{
    /// <summary>Gets the model name.</summary>
    public required string Model { get; init; }

    /// <summary>Gets the name of the replica that saw this traffic (<see cref="ModelMonitoringOptions.ReplicaName"/>).</summary>
    public required string Replica { get; init; }

    /// <summary>Gets the start of the aggregation window.</summary>
    public DateTimeOffset WindowStart { get; init; }

    /// <summary>Gets the end of the aggregation window (exclusive).</summary>
    public DateTimeOffset WindowEnd { get; init; }

    /// <summary>Gets the number of predictions.</summary>
    public long Count { get; init; }

    /// <summary>Gets the number of failed predictions.</summary>
    public long Errors { get; init; }

    /// <summary>Gets the sum of the predictions' latencies, in milliseconds.</summary>
    public double LatencySumMs { get; init; }

    /// <summary>Gets the smallest latency in milliseconds, or <see langword="null"/> without predictions.</summary>
    public double? LatencyMinMs { get; init; }

    /// <summary>Gets the largest latency in milliseconds, or <see langword="null"/> without predictions.</summary>
    public double? LatencyMaxMs { get; init; }

    /// <summary>Gets the latency histogram's non-empty buckets: bucket index to count.</summary>
    public IReadOnlyDictionary<int, long> LatencyBuckets { get; init; } = new Dictionary<int, long>();

    /// <summary>Gets the sum of the confidences reported.</summary>
    public double ConfidenceSum { get; init; }

    /// <summary>Gets the number of predictions that reported a confidence.</summary>
    public long ConfidenceCount { get; init; }

    /// <summary>Gets the number of predictions per predicted class (capped like the window's class shares).</summary>
    public IReadOnlyDictionary<string, long> ClassCounts { get; init; } = new Dictionary<string, long>();

    /// <summary>Gets the number of labels that arrived in the window and joined a prediction this replica remembered.</summary>
    public long LabelCount { get; init; }

    /// <summary>Gets the number of class labels that matched the predicted class.</summary>
    public long CorrectCount { get; init; }

    /// <summary>Gets the number of class labels joined to a predicted class.</summary>
    public long ClassLabelCount { get; init; }

    /// <summary>Gets the sum of absolute errors of the value labels.</summary>
    public double AbsoluteErrorSum { get; init; }

    /// <summary>Gets the number of value labels joined to a predicted value.</summary>
    public long ValueLabelCount { get; init; }

    /// <summary>Gets the summaries of the model's declared custom metrics that received a value.</summary>
    public IReadOnlyList<CustomMetricPartial> CustomMetrics { get; init; } = [];

    /// <summary>Gets the data-quality counts of the model's features that had a value or a missing value in the window.</summary>
    public IReadOnlyList<FeatureQualityPartial> Quality { get; init; } = [];
}
