namespace ModelMonitoring.Fleet;

/// <summary>
/// One declared custom metric's values in one replica's window (<see cref="WindowPartial"/>): enough to merge every
/// <see cref="Aggregation.MetricAggregation"/> across replicas. The merged mean is the count-weighted mean of the
/// replicas' means; the merged last value is the one with the latest timestamp.
/// </summary>
public sealed record CustomMetricPartial
{
    /// <summary>Gets the metric name, as declared on the model.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the number of values.</summary>
    public long Count { get; init; }

    /// <summary>Gets the sum of the values.</summary>
    public double Sum { get; init; }

    /// <summary>Gets the mean of the values.</summary>
    public double Mean { get; init; }

    /// <summary>Gets the smallest value.</summary>
    public double Min { get; init; }

    /// <summary>Gets the largest value.</summary>
    public double Max { get; init; }

    /// <summary>Gets the value with the latest timestamp.</summary>
    public double Last { get; init; }

    /// <summary>Gets the timestamp of <see cref="Last"/>.</summary>
    public DateTimeOffset LastTimestamp { get; init; }
}
