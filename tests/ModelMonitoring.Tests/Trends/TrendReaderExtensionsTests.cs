using ModelMonitoring.Trends;

namespace ModelMonitoring.Tests.Trends;

/// <summary>The typed trends assembled from stored roll-up values.</summary>
public sealed class TrendReaderExtensionsTests
{
    private static readonly DateTimeOffset H0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset H1 = H0.AddHours(1);

    private readonly StoredPoints _reader = new(
    [
        new(H0, TrendMetricNames.PredictionCount, 200, 200),
        new(H0, TrendMetricNames.ErrorCount, 10, 200),
        new(H0, TrendMetricNames.LatencyMean, 4.5, 200),
        new(H0, TrendMetricNames.LatencyP50, 4, 200),
        new(H0, TrendMetricNames.LatencyP95, 9, 200),
        new(H0, TrendMetricNames.LatencyP99, 12, 200),
        new(H0, TrendMetricNames.ConfidenceMean, 0.8, 150),
        new(H0, "drift_drifted:age", 1, 3),
        new(H0, "drift_drifted:amount", 0, 2),
        new(H0, "drift_max_score:age", 0.9, 3),
        new(H0, "drift_mean_score:age", 0.5, 3),
        new(H0, "performance:realized.accuracy", 0.75, 40),
        new(H1, TrendMetricNames.PredictionCount, 5, 5),
        new(H1, TrendMetricNames.ErrorCount, 0, 5),
        new(H1, TrendMetricNames.LatencyMean, 1, 5),
        new(H1, TrendMetricNames.LatencyP50, 1, 5),
        new(H1, TrendMetricNames.LatencyP95, 2, 5),
        new(H1, TrendMetricNames.LatencyP99, 2, 5),
        new(H1.AddHours(1), "performance:realized.accuracy", 0.5, 8),
        new(H1, TrendMetricNames.HealthScoreMean, 91.5, 60),
        new(H1, TrendMetricNames.HealthScoreMin, 70, 60),
        new(H0, "estimated:estimated.accuracy", 0.9, 60),
        new(H0, "estimated:estimated.accuracy.lower", 0.85, 60),
        new(H0, "estimated:estimated.accuracy.upper", 0.95, 60),
        new(H1, "estimated:estimated.roc_auc", 0.8, 12),
    ]);

    [Fact]
    public async Task VolumeTrend_HasAPointPerBucketWithPredictions_WithTheErrorRate_AndNoConfidenceWhenNoneWasReported()
    {
        var points = await _reader.GetVolumeTrendAsync("fraud", TrendResolution.Hour, H0, H0.AddDays(1));

        points.ShouldBe([
            new VolumeTrendPoint(H0, 200, 10, 4.5, 4, 9, 12, 0.8),
            new VolumeTrendPoint(H1, 5, 0, 1, 1, 2, 2, null)]);
        points[0].ErrorRate.ShouldBe(0.05);
        _reader.LastPrefix.ShouldBeNull();
    }

    [Fact]
    public async Task PerformanceTrend_StripsThePrefix_AndKeepsTheLabelCount()
    {
        var points = await _reader.GetPerformanceTrendAsync("fraud", TrendResolution.Hour, H0, H0.AddDays(1));

        points.ShouldBe([
            new PerformanceTrendPoint(H0, "realized.accuracy", 0.75, 40),
            new PerformanceTrendPoint(H1.AddHours(1), "realized.accuracy", 0.5, 8)]);
        _reader.LastPrefix.ShouldBe(TrendMetricNames.PerformancePrefix);
    }

    [Fact]
    public async Task DriftTrend_HasAPointPerFeatureAndBucket_WithNoScoresWhenNoTestReportedOne()
    {
        var points = await _reader.GetDriftTrendAsync("fraud", TrendResolution.Hour, H0, H0.AddDays(1));

        points.ShouldBe([
            new DriftTrendPoint(H0, "age", 3, 1, 0.9, 0.5),
            new DriftTrendPoint(H0, "amount", 2, 0, null, null)]);
    }

    [Fact]
    public async Task EstimatedTrend_HasAPointPerMetricAndBucket_WithItsBandWhenStored()
    {
        var points = await _reader.GetEstimatedPerformanceTrendAsync("fraud", TrendResolution.Hour, H0, H0.AddDays(1));

        points.ShouldBe([
            new EstimatedPerformanceTrendPoint(H0, "estimated.accuracy", 0.9, 0.85, 0.95, 60),
            new EstimatedPerformanceTrendPoint(H1, "estimated.roc_auc", 0.8, null, null, 12)]);
        _reader.LastPrefix.ShouldBe(TrendMetricNames.EstimatedPrefix);
    }

    /// <summary>Stored roll-up values in memory, filtered by prefix as the providers filter them.</summary>
    [Fact]
    public async Task ModelTrends_AreTheFiveTrends_FromOneRead()
    {
        var all = await _reader.GetModelTrendsAsync("fraud", TrendResolution.Hour, H0, H0.AddDays(1));
        _reader.LastPrefix.ShouldBeNull();
        _reader.Reads.ShouldBe(1);

        all.Volume.ShouldBe(await _reader.GetVolumeTrendAsync("fraud", TrendResolution.Hour, H0, H0.AddDays(1)));
        all.Performance.ShouldBe(await _reader.GetPerformanceTrendAsync("fraud", TrendResolution.Hour, H0, H0.AddDays(1)));
        all.Drift.ShouldBe(await _reader.GetDriftTrendAsync("fraud", TrendResolution.Hour, H0, H0.AddDays(1)));
        all.Health.ShouldBe(await _reader.GetHealthTrendAsync("fraud", TrendResolution.Hour, H0, H0.AddDays(1)));
        all.Estimated.ShouldBe(await _reader.GetEstimatedPerformanceTrendAsync("fraud", TrendResolution.Hour, H0, H0.AddDays(1)));
        (all.Volume.Count, all.Performance.Count, all.Drift.Count, all.Health.Count, all.Estimated.Count).ShouldBe((2, 2, 2, 1, 2));
    }

    private sealed class StoredPoints(IReadOnlyList<TrendPoint> points) : ITrendReader
    {
        public string? LastPrefix { get; private set; } = "not called";

        public int Reads { get; private set; }

        public Task<IReadOnlyList<TrendPoint>> GetTrendAsync(string model, TrendResolution resolution, DateTimeOffset from, DateTimeOffset to, string? metricPrefix = null, CancellationToken cancellationToken = default)
        {
            LastPrefix = metricPrefix;
            Reads++;
            return Task.FromResult<IReadOnlyList<TrendPoint>>(points
                .Where(p => p.Start >= from && p.Start < to && (metricPrefix is null || p.Metric.StartsWith(metricPrefix, StringComparison.Ordinal)))
                .ToList());
        }
    }
}
