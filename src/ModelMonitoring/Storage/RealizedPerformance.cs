namespace ModelMonitoring.Storage;

/// <summary>
/// The realized performance of one prediction window, for all its predictions or for one segment: metrics computed
/// from the predictions made in the window and the labels stored for them so far, whenever those labels arrived.
/// </summary>
/// <remarks>Names of the metrics are those of <see cref="Performance.RealizedMetricNames"/>.</remarks>
public sealed record RealizedPerformance
{
    /// <summary>Gets the inclusive start of the prediction window.</summary>
    public DateTimeOffset WindowStart { get; init; }

    /// <summary>Gets the exclusive end of the prediction window.</summary>
    public DateTimeOffset WindowEnd { get; init; }

    /// <summary>
    /// Gets the segment (<see cref="Recording.Prediction.Segment"/>): empty for all the window's predictions, or
    /// <see cref="Recording.RecordingLimits.OtherValue"/> for the segments beyond <see cref="Performance.RealizedPerformanceOptions.MaxSegments"/>.
    /// The default value is empty.
    /// </summary>
    public string Segment { get; init; } = string.Empty;

    /// <summary>Gets how many of the window's predictions had a stored label when the metrics were computed.</summary>
    public long LabelCount { get; init; }

    /// <summary>Gets when the metrics were computed (UTC).</summary>
    public DateTimeOffset ComputedAt { get; init; }

    /// <summary>Gets the metrics by name.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();
}
