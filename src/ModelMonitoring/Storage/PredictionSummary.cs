namespace ModelMonitoring.Storage;

/// <summary>A model's predictions over a time range.</summary>
public sealed record PredictionSummary
{
    /// <summary>Gets the number of predictions.</summary>
    public long Count { get; init; }

    /// <summary>Gets the number of failed predictions.</summary>
    public long ErrorCount { get; init; }

    /// <summary>Gets <see cref="ErrorCount"/> divided by <see cref="Count"/>; 0 when there were none.</summary>
    public double ErrorRate => Count == 0 ? 0 : (double)ErrorCount / Count;

    /// <summary>Gets the latency summary; <see langword="null"/> when there were no predictions.</summary>
    public LatencySummary? Latency { get; init; }

    /// <summary>Gets the mean confidence of the predictions that reported one.</summary>
    public double? MeanConfidence { get; init; }

    /// <summary>Gets the number of predictions per predicted class.</summary>
    public IReadOnlyDictionary<string, long> ClassCounts { get; init; } = new Dictionary<string, long>();
}
