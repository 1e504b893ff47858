namespace ModelMonitoring.Trends;

/// <summary>
/// One stored roll-up value: a metric of a model over one hour or day. The typed trends of
/// <see cref="TrendReaderExtensions"/> are assembled from these; the names are those of <see cref="TrendMetricNames"/>.
/// </summary>
/// <param name="Start">The start of the bucket (UTC).</param>
/// <param name="Metric">The metric's name.</param>
/// <param name="Value">The value; <see langword="null"/> when it is undefined (such as a mean of nothing).</param>
/// <param name="Weight">How many observations the value summarises (predictions, labels or drift tests).</param>
public sealed record TrendPoint(DateTimeOffset Start, string Metric, double? Value, long Weight);
