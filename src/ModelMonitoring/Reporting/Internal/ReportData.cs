using ModelMonitoring.Alerting;
using ModelMonitoring.Health;
using ModelMonitoring.Storage;
using ModelMonitoring.Trends;

namespace ModelMonitoring.Reporting.Internal;

/// <summary>Everything one report shows, read from the store before any HTML is written.</summary>
internal sealed class ReportData
{
    /// <summary>The most alerts listed in the table; the timeline shows them all.</summary>
    public const int MaxAlertRows = 200;

    /// <summary>The most time buckets a report draws (about 14 months of hours, 27 years of days).</summary>
    public const int MaxBuckets = 10_000;

    public required MonitoringReportOptions Options { get; init; }

    public required TrendResolution Resolution { get; init; }

    public required IReadOnlyList<DateTimeOffset> Buckets { get; init; }

    public required PredictionSummary Summary { get; init; }

    public required DriftReport Drift { get; init; }

    public ModelHealth? Health { get; init; }

    public required IReadOnlyList<VolumeTrendPoint> Volume { get; init; }

    public required IReadOnlyList<PerformanceTrendPoint> Performance { get; init; }

    /// <summary>Gets the estimated performance (no labels needed) per bucket and metric, with its band.</summary>
    public required IReadOnlyList<EstimatedPerformanceTrendPoint> Estimated { get; init; }

    public required IReadOnlyList<DriftTrendPoint> DriftTrend { get; init; }

    public required IReadOnlyList<HealthTrendPoint> HealthTrend { get; init; }

    public required IReadOnlyList<MetricSummary> Quality { get; init; }

    public required IReadOnlyList<Alert> Alerts { get; init; }

    public required IReadOnlyList<Distribution> Distributions { get; init; }

    /// <summary>A numeric feature's reference values against the values stored at the end of the range.</summary>
    public sealed record Distribution(string Feature, IReadOnlyList<double> Reference, IReadOnlyList<double> Current);

    public static async Task<ReportData> ReadAsync(
        MonitoringReportOptions options,
        IMonitoringReader reader,
        ITrendReader trends,
        IReferenceProfileStore? references,
        IPredictionReader? predictions,
        IModelHealthReader? health,
        CancellationToken cancellationToken)
    {
        var (model, from, to) = (options.Model, options.From, options.To);
        var resolution = options.Resolution ?? (to - from <= TimeSpan.FromDays(7) ? TrendResolution.Hour : TrendResolution.Day);
        if ((to - from).Ticks / (resolution == TrendResolution.Day ? TimeSpan.TicksPerDay : TimeSpan.TicksPerHour) > MaxBuckets)
        {
            throw new ArgumentException($"MonitoringReportOptions.Resolution: {resolution} over {from:O} to {to:O} is more than {MaxBuckets:N0} buckets; use days or a shorter range.", nameof(options));
        }

        var summary = await reader.GetPredictionSummaryAsync(model, from, to, cancellationToken).ConfigureAwait(false);
        var drift = await reader.GetDriftReportAsync(model, from, to, cancellationToken).ConfigureAwait(false);
        var performanceReport = await reader.GetPerformanceReportAsync(model, from, to, cancellationToken).ConfigureAwait(false);
        var alerts = await reader.GetAlertsAsync(model, from, to, cancellationToken).ConfigureAwait(false);
        var (volume, performance, driftTrend, healthTrend, estimatedTrend) = await trends.GetModelTrendsAsync(model, resolution, from, to, cancellationToken).ConfigureAwait(false);
        var latestHealth = health is null ? null : (await health.GetHealthTrendAsync(model, from, to, cancellationToken).ConfigureAwait(false)).LastOrDefault();
        var distributions = await ReadDistributionsAsync(options, references, predictions, cancellationToken).ConfigureAwait(false);

        return new ReportData
        {
            Options = options,
            Resolution = resolution,
            Buckets = BucketsOf(from, to, resolution),
            Summary = summary,
            Drift = drift,
            Health = latestHealth,
            Volume = volume,
            Performance = performance,
            Estimated = estimatedTrend,
            DriftTrend = driftTrend,
            HealthTrend = healthTrend,
            Quality = [.. performanceReport.Metrics.Where(m => m.Name.StartsWith(Aggregation.WindowMetricNames.QualityPrefix, StringComparison.Ordinal))],
            Alerts = [.. alerts.OrderBy(a => a.StartedAt ?? a.Timestamp)],
            Distributions = distributions,
        };
    }

    /// <summary>The bucket starts of the range: hours, or UTC days, overlapping [from, to).</summary>
    private static List<DateTimeOffset> BucketsOf(DateTimeOffset from, DateTimeOffset to, TrendResolution resolution)
    {
        var size = resolution == TrendResolution.Day ? TimeSpan.TicksPerDay : TimeSpan.TicksPerHour;
        var first = from.UtcTicks / size * size;
        var buckets = new List<DateTimeOffset>();
        for (var ticks = first; ticks < to.UtcTicks; ticks += size)
        {
            buckets.Add(new DateTimeOffset(ticks, TimeSpan.Zero));
        }

        return buckets;
    }

    private static async Task<IReadOnlyList<Distribution>> ReadDistributionsAsync(
        MonitoringReportOptions options, IReferenceProfileStore? references, IPredictionReader? predictions, CancellationToken cancellationToken)
    {
        if (references is null || options.MaxDistributions == 0
            || await references.GetAsync(options.Model, cancellationToken).ConfigureAwait(false) is not { } profile)
        {
            return [];
        }

        var currentFrom = options.To - options.CurrentPeriod < options.From ? options.From : options.To - options.CurrentPeriod;
        var current = predictions is null ? [] : await predictions.GetPredictionsAsync(options.Model, currentFrom, options.To, cancellationToken).ConfigureAwait(false);
        var result = new List<Distribution>();
        for (var i = 0; i < profile.NumericFeatures.Count && i < options.MaxDistributions; i++)
        {
            var feature = profile.NumericFeatures[i];

            // Stored features are in the model's schema order, which is the profile's order (the reference is checked against the schema).
            var values = new List<double>(current.Count);
            foreach (var prediction in current)
            {
                var features = prediction.NumericFeatures.Span;
                if (features.Length == profile.NumericFeatures.Count && double.IsFinite(features[i]))
                {
                    values.Add(features[i]);
                }
            }

            result.Add(new Distribution(feature.Name, [.. feature.Sample.Values.ToArray()], values));
        }

        return result;
    }
}
