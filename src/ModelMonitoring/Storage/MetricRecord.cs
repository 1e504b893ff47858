namespace ModelMonitoring.Storage;

/// <summary>A metric value: either recorded by the application or computed by the pipeline for a window.</summary>
public readonly record struct MetricRecord
{
    /// <summary>Gets the metric name (see <see cref="Aggregation.WindowMetricNames"/> for the computed ones).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the value.</summary>
    public double Value { get; init; }

    /// <summary>Gets the unit, if any.</summary>
    public string? Unit { get; init; }

    /// <summary>Gets when the value was recorded, or the end of its window (UTC).</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets the start of the window a computed metric covers; <see langword="null"/> for recorded metrics.</summary>
    public DateTimeOffset? WindowStart { get; init; }

    /// <summary>Gets optional key/value pairs stored with the value.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
