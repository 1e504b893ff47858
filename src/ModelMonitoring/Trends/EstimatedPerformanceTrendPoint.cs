namespace ModelMonitoring.Trends;

/// <summary>
/// A performance estimate (performance estimation without labels, <see cref="Estimation.EstimatedMetricNames"/>) of a model
/// over one hour or day, with its confidence band.
/// </summary>
/// <param name="Start">The start of the bucket (UTC).</param>
/// <param name="Metric">The metric (<see cref="Estimation.EstimatedMetricNames"/>: <c>estimated.accuracy</c>, …).</param>
/// <param name="Value">The mean estimate of the windows that started in the bucket.</param>
/// <param name="Lower">The mean lower edge of their bands, or <see langword="null"/> when none was stored.</param>
/// <param name="Upper">The mean upper edge of their bands, or <see langword="null"/> when none was stored.</param>
/// <param name="WindowCount">The estimated windows behind it.</param>
public sealed record EstimatedPerformanceTrendPoint(DateTimeOffset Start, string Metric, double? Value, double? Lower, double? Upper, long WindowCount);
