using ModelMonitoring.Trends;
using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.Storage.ContractTests;

public abstract partial class MonitoringStoreContractTests
{
    [Fact]
    public async Task EstimatedTrend_PerHourAndDay_IsTheMeanOfTheEstimatedWindows_WithTheirBandsAndCounts()
    {
        await using var store = await CreateStoreAsync();
        var trends = store.Trends.ShouldNotBeNull(NoTrends);
        var maintain = store.Maintain.ShouldNotBeNull(NoTrends);
        var model = Schema("estimated-trend");
        MetricRecord[] metrics = [
            .. Estimate(0, accuracy: 0.8, lower: 0.7, upper: 0.9, rocAuc: 0.85),

            // Starts in the first hour and ends in the next: it belongs to its start's.
            .. Estimate(3600 - 120, accuracy: 0.9, lower: 0.8, upper: 1.0, rocAuc: 0.95),
            .. Estimate(3600 + 600, accuracy: 0.7, lower: 0.6, upper: 0.8, rocAuc: 0.75),

            // Not estimates: a name that merely begins with "estimated", and a plain metric of a window.
            Metric("estimatedx", 5, At(300)) with { WindowStart = At(0) },
            Metric("accuracy", 6, At(300)) with { WindowStart = At(0) },

            // Not a window metric.
            Metric("estimated.accuracy", 0.1, At(30))];
        await WriteAsync(store, Batch(model, [Prediction(At(1))], metrics: metrics));
        await WriteAsync(store, Batch(Schema("other"), [Prediction(At(1))], metrics: [.. Estimate(0, accuracy: 0.1, lower: 0, upper: 0.2, rocAuc: 0.1)]));

        await maintain(T0.AddDays(2));

        var day = new DateTimeOffset(T0.Date, TimeSpan.Zero);
        var hourly = await trends.GetEstimatedPerformanceTrendAsync("estimated-trend", TrendResolution.Hour, day, day.AddDays(1));
        var daily = await trends.GetEstimatedPerformanceTrendAsync("estimated-trend", TrendResolution.Day, day, day.AddDays(1));
        hourly.Select(p => (p.Start, p.Metric, p.WindowCount)).ShouldBe([
            (T0, "estimated.accuracy", 2L), (T0, "estimated.roc_auc", 2L),
            (T0.AddHours(1), "estimated.accuracy", 1L), (T0.AddHours(1), "estimated.roc_auc", 1L)]);
        ShouldBe(hourly[0], 0.85, 0.75, 0.95);
        ShouldBe(hourly[1], 0.9, null, null);
        ShouldBe(hourly[2], 0.7, 0.6, 0.8);
        ShouldBe(hourly[3], 0.75, null, null);
        daily.Select(p => (p.Start, p.Metric, p.WindowCount)).ShouldBe([(day, "estimated.accuracy", 3L), (day, "estimated.roc_auc", 3L)]);
        ShouldBe(daily[0], 0.8, 0.7, 0.9);
        ShouldBe(daily[1], 0.85, null, null);

        var rolled = await trends.GetTrendAsync("estimated-trend", TrendResolution.Day, day, day.AddDays(1), TrendMetricNames.EstimatedPrefix);
        rolled.Select(p => p.Metric).ShouldBe(
            ["estimated:estimated.accuracy", "estimated:estimated.accuracy.lower", "estimated:estimated.accuracy.upper", "estimated:estimated.roc_auc"],
            ignoreOrder: true);
        (await trends.GetTrendAsync("estimated-trend", TrendResolution.Day, day, day.AddDays(1)))
            .ShouldNotContain(p => p.Metric.Contains("estimatedx", StringComparison.Ordinal) || p.Metric.EndsWith(":accuracy", StringComparison.Ordinal));
    }

    private static MetricRecord[] Estimate(double startSeconds, double accuracy, double lower, double upper, double rocAuc) =>
    [
        Metric("estimated.accuracy", accuracy, At(startSeconds + 300)) with { WindowStart = At(startSeconds) },
        Metric("estimated.accuracy.lower", lower, At(startSeconds + 300)) with { WindowStart = At(startSeconds) },
        Metric("estimated.accuracy.upper", upper, At(startSeconds + 300)) with { WindowStart = At(startSeconds) },
        Metric("estimated.roc_auc", rocAuc, At(startSeconds + 300)) with { WindowStart = At(startSeconds) },
    ];

    private static void ShouldBe(EstimatedPerformanceTrendPoint point, double value, double? lower, double? upper)
    {
        point.Value.ShouldNotBeNull().ShouldBe(value, 1e-12);
        if (lower is null)
        {
            point.Lower.ShouldBeNull();
            point.Upper.ShouldBeNull();
            return;
        }

        point.Lower.ShouldNotBeNull().ShouldBe(lower.Value, 1e-12);
        point.Upper.ShouldNotBeNull().ShouldBe(upper!.Value, 1e-12);
    }
}
