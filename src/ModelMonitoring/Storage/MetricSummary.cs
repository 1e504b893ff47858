namespace ModelMonitoring.Storage;

/// <summary>Statistics of one metric's values over a time range.</summary>
/// <param name="Name">The metric name.</param>
/// <param name="Count">The number of values.</param>
/// <param name="Mean">The mean.</param>
/// <param name="StandardDeviation">The sample standard deviation (n - 1 in the denominator); 0 for a single value.</param>
/// <param name="Min">The smallest value.</param>
/// <param name="Max">The largest value.</param>
/// <param name="Latest">The value with the latest timestamp.</param>
/// <param name="LatestTimestamp">When <paramref name="Latest"/> was recorded.</param>
public sealed record MetricSummary(string Name, long Count, double Mean, double StandardDeviation, double Min, double Max, double Latest, DateTimeOffset LatestTimestamp);
