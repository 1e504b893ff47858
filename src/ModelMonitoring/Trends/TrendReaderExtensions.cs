namespace ModelMonitoring.Trends;

/// <summary>Typed trends read from an <see cref="ITrendReader"/>'s roll-ups.</summary>
public static class TrendReaderExtensions
{
    private const string DriftPrefix = "drift_";
    private const string HealthPrefix = "health_score_";
    private const string LowerSuffix = ".lower";
    private const string UpperSuffix = ".upper";

    /// <summary>Reads volume, errors, latency percentiles and confidence per hour or day, oldest first; buckets without predictions have no point.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="model">The model's name.</param>
    /// <param name="resolution">Hours or days.</param>
    /// <param name="from">The inclusive start.</param>
    /// <param name="to">The exclusive end.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The points.</returns>
    public static async Task<IReadOnlyList<VolumeTrendPoint>> GetVolumeTrendAsync(
        this ITrendReader reader, string model, TrendResolution resolution, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Volume(await reader.GetTrendAsync(model, resolution, from, to, null, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Reads volume, performance (realized and estimated), drift and health per hour or day in one read of the roll-ups,
    /// for a view that shows them all (a dashboard, a report): the same points as the five reads apart.
    /// </summary>
    /// <param name="reader">The reader.</param>
    /// <param name="model">The model's name.</param>
    /// <param name="resolution">Hours or days.</param>
    /// <param name="from">The inclusive start.</param>
    /// <param name="to">The exclusive end.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The five trends.</returns>
    public static async Task<ModelTrends> GetModelTrendsAsync(
        this ITrendReader reader, string model, TrendResolution resolution, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var points = await reader.GetTrendAsync(model, resolution, from, to, null, cancellationToken).ConfigureAwait(false);
        return new ModelTrends(
            Volume(points),
            Performance(points.Where(p => p.Metric.StartsWith(TrendMetricNames.PerformancePrefix, StringComparison.Ordinal))),
            Drift(points.Where(p => p.Metric.StartsWith(DriftPrefix, StringComparison.Ordinal))),
            Health(points.Where(p => p.Metric.StartsWith(HealthPrefix, StringComparison.Ordinal))),
            Estimated(points.Where(p => p.Metric.StartsWith(TrendMetricNames.EstimatedPrefix, StringComparison.Ordinal))));
    }

    /// <summary>Reads estimated performance (performance estimation without labels) per hour or day with its band, oldest first, then by metric.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="model">The model's name.</param>
    /// <param name="resolution">Hours or days.</param>
    /// <param name="from">The inclusive start.</param>
    /// <param name="to">The exclusive end.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The points.</returns>
    public static async Task<IReadOnlyList<EstimatedPerformanceTrendPoint>> GetEstimatedPerformanceTrendAsync(
        this ITrendReader reader, string model, TrendResolution resolution, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Estimated(await reader.GetTrendAsync(model, resolution, from, to, TrendMetricNames.EstimatedPrefix, cancellationToken).ConfigureAwait(false));
    }

    private static List<EstimatedPerformanceTrendPoint> Estimated(IEnumerable<TrendPoint> points)
    {
        var result = new List<EstimatedPerformanceTrendPoint>();
        foreach (var bucket in points.GroupBy(p => p.Start).OrderBy(b => b.Key))
        {
            var values = bucket.ToDictionary(p => p.Metric, StringComparer.Ordinal);
            foreach (var estimate in bucket.Where(p => !p.Metric.EndsWith(LowerSuffix, StringComparison.Ordinal) && !p.Metric.EndsWith(UpperSuffix, StringComparison.Ordinal))
                .OrderBy(p => p.Metric, StringComparer.Ordinal))
            {
                values.TryGetValue(estimate.Metric + LowerSuffix, out var lower);
                values.TryGetValue(estimate.Metric + UpperSuffix, out var upper);
                result.Add(new EstimatedPerformanceTrendPoint(bucket.Key, estimate.Metric[TrendMetricNames.EstimatedPrefix.Length..], estimate.Value, lower?.Value, upper?.Value, estimate.Weight));
            }
        }

        return result;
    }

    private static List<VolumeTrendPoint> Volume(IEnumerable<TrendPoint> points)
    {
        var result = new List<VolumeTrendPoint>();
        foreach (var bucket in points.GroupBy(p => p.Start))
        {
            var values = bucket.ToDictionary(p => p.Metric, StringComparer.Ordinal);
            if (!values.TryGetValue(TrendMetricNames.PredictionCount, out var count))
            {
                continue;
            }

            result.Add(new VolumeTrendPoint(
                bucket.Key,
                count.Weight,
                (long)Value(values, TrendMetricNames.ErrorCount),
                Value(values, TrendMetricNames.LatencyMean),
                Value(values, TrendMetricNames.LatencyP50),
                Value(values, TrendMetricNames.LatencyP95),
                Value(values, TrendMetricNames.LatencyP99),
                values.TryGetValue(TrendMetricNames.ConfidenceMean, out var confidence) ? confidence.Value : null));
        }

        return result;
    }

    /// <summary>Reads realized performance per hour or day, oldest first, then by metric.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="model">The model's name.</param>
    /// <param name="resolution">Hours or days.</param>
    /// <param name="from">The inclusive start.</param>
    /// <param name="to">The exclusive end.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The points.</returns>
    public static async Task<IReadOnlyList<PerformanceTrendPoint>> GetPerformanceTrendAsync(
        this ITrendReader reader, string model, TrendResolution resolution, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Performance(await reader.GetTrendAsync(model, resolution, from, to, TrendMetricNames.PerformancePrefix, cancellationToken).ConfigureAwait(false));
    }

    private static List<PerformanceTrendPoint> Performance(IEnumerable<TrendPoint> points) =>
        points.Select(p => new PerformanceTrendPoint(p.Start, p.Metric[TrendMetricNames.PerformancePrefix.Length..], p.Value, p.Weight)).ToList();

    /// <summary>Reads the drift of every feature per hour or day, oldest first, then by feature.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="model">The model's name.</param>
    /// <param name="resolution">Hours or days.</param>
    /// <param name="from">The inclusive start.</param>
    /// <param name="to">The exclusive end.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The points.</returns>
    public static async Task<IReadOnlyList<DriftTrendPoint>> GetDriftTrendAsync(
        this ITrendReader reader, string model, TrendResolution resolution, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Drift(await reader.GetTrendAsync(model, resolution, from, to, DriftPrefix, cancellationToken).ConfigureAwait(false));
    }

    private static List<DriftTrendPoint> Drift(IEnumerable<TrendPoint> points)
    {
        var result = new List<DriftTrendPoint>();
        foreach (var bucket in points.GroupBy(p => p.Start))
        {
            var values = bucket.ToDictionary(p => p.Metric, StringComparer.Ordinal);
            foreach (var drifted in bucket.Where(p => p.Metric.StartsWith(TrendMetricNames.DriftDriftedPrefix, StringComparison.Ordinal)).OrderBy(p => p.Metric, StringComparer.Ordinal))
            {
                var feature = drifted.Metric[TrendMetricNames.DriftDriftedPrefix.Length..];
                values.TryGetValue(TrendMetricNames.DriftMaxScorePrefix + feature, out var max);
                values.TryGetValue(TrendMetricNames.DriftMeanScorePrefix + feature, out var mean);
                result.Add(new DriftTrendPoint(bucket.Key, feature, drifted.Weight, (long)(drifted.Value ?? 0), max?.Value, mean?.Value));
            }
        }

        return result;
    }

    /// <summary>Reads the model's health per hour or day, oldest first: the mean and lowest score of the windows that started in each bucket.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="model">The model's name.</param>
    /// <param name="resolution">Hours or days.</param>
    /// <param name="from">The inclusive start.</param>
    /// <param name="to">The exclusive end.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The points.</returns>
    public static async Task<IReadOnlyList<HealthTrendPoint>> GetHealthTrendAsync(
        this ITrendReader reader, string model, TrendResolution resolution, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Health(await reader.GetTrendAsync(model, resolution, from, to, HealthPrefix, cancellationToken).ConfigureAwait(false));
    }

    private static List<HealthTrendPoint> Health(IEnumerable<TrendPoint> points)
    {
        var result = new List<HealthTrendPoint>();
        foreach (var bucket in points.GroupBy(p => p.Start))
        {
            var values = bucket.ToDictionary(p => p.Metric, StringComparer.Ordinal);
            if (values.TryGetValue(TrendMetricNames.HealthScoreMean, out var mean))
            {
                result.Add(new HealthTrendPoint(bucket.Key, mean.Weight, Value(values, TrendMetricNames.HealthScoreMean), Value(values, TrendMetricNames.HealthScoreMin)));
            }
        }

        return result;
    }

    private static double Value(Dictionary<string, TrendPoint> values, string metric) =>
        values.TryGetValue(metric, out var point) && point.Value is { } value ? value : double.NaN;
}
