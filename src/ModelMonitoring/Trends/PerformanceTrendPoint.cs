namespace ModelMonitoring.Trends;

/// <summary>A realized performance metric of a model over one hour or day.</summary>
/// <param name="Start">The start of the bucket (UTC).</param>
/// <param name="Metric">The metric (<see cref="Performance.RealizedMetricNames"/>).</param>
/// <param name="Value">The mean over the bucket's windows, weighted by their label counts.</param>
/// <param name="LabelCount">The labels behind it.</param>
public sealed record PerformanceTrendPoint(DateTimeOffset Start, string Metric, double? Value, long LabelCount);
