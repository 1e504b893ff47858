namespace ModelMonitoring.Trends;

/// <summary>A model's volume, performance, drift and health trends over one range, read at once (<see cref="TrendReaderExtensions.GetModelTrendsAsync"/>).</summary>
/// <param name="Volume">Predictions, errors and latency per bucket.</param>
/// <param name="Performance">Realized performance per bucket and metric.</param>
/// <param name="Drift">Drift per bucket and feature.</param>
/// <param name="Health">Health score per bucket.</param>
/// <param name="Estimated">Estimated performance (no labels needed) per bucket and metric, with its band.</param>
public sealed record ModelTrends(
    IReadOnlyList<VolumeTrendPoint> Volume,
    IReadOnlyList<PerformanceTrendPoint> Performance,
    IReadOnlyList<DriftTrendPoint> Drift,
    IReadOnlyList<HealthTrendPoint> Health,
    IReadOnlyList<EstimatedPerformanceTrendPoint> Estimated);
