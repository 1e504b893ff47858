namespace ModelMonitoring.Trends;

/// <summary>Volume, errors, latency and confidence of a model over one hour or day.</summary>
/// <param name="Start">The start of the bucket (UTC).</param>
/// <param name="PredictionCount">Predictions in the bucket.</param>
/// <param name="ErrorCount">Failed predictions in the bucket.</param>
/// <param name="LatencyMeanMs">Mean latency in milliseconds.</param>
/// <param name="LatencyP50Ms">Median latency in milliseconds (nearest rank).</param>
/// <param name="LatencyP95Ms">95th percentile latency in milliseconds (nearest rank).</param>
/// <param name="LatencyP99Ms">99th percentile latency in milliseconds (nearest rank).</param>
/// <param name="ConfidenceMean">Mean confidence, or <see langword="null"/> when no prediction reported one.</param>
public sealed record VolumeTrendPoint(
    DateTimeOffset Start, long PredictionCount, long ErrorCount, double LatencyMeanMs, double LatencyP50Ms, double LatencyP95Ms, double LatencyP99Ms, double? ConfidenceMean)
{
    /// <summary>Gets the share of failed predictions, 0 to 1.</summary>
    public double ErrorRate => PredictionCount == 0 ? 0 : (double)ErrorCount / PredictionCount;
}
