using ModelMonitoring.Recording;
using ModelMonitoring.Trends;
using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.Storage.ContractTests;

public abstract partial class MonitoringStoreContractTests
{
    [Fact]
    public async Task WindowMetrics_AreReadByWindowStartInRange_OldestFirst_WithMetadata()
    {
        await using var store = await CreateStoreAsync();
        var windows = store.WindowMetrics.ShouldNotBeNull("the provider must read window metrics over a range");
        var model = Schema("health-windows");
        var reasons = new Dictionary<string, string> { ["status"] = "Degraded", ["reason.ErrorRate"] = "12.5|error rate 5%" };
        await WriteAsync(store, Batch(model, metrics: [
            Metric("health.score", 90, At(120)) with { WindowStart = At(60) },
            Metric("health.score", 70, At(60)) with { WindowStart = At(0), Metadata = reasons },
            Metric("health.score", 50, At(180)) with { WindowStart = At(120) },
            Metric("error_rate", 0.5, At(60)) with { WindowStart = At(0) },

            // Not a window metric (no window start), and another model's window: neither is read.
            Metric("health.score", 1, At(30))]));
        await WriteAsync(store, Batch(Schema("other"), metrics: [Metric("health.score", 5, At(60)) with { WindowStart = At(0) }]));

        var all = await windows.GetWindowMetricsAsync("health-windows", "health.score", At(0), At(180));
        all.Select(m => m.Value).ShouldBe([70, 90, 50]);
        all[0].WindowStart.ShouldBe(At(0));
        all[0].Timestamp.ShouldBe(At(60));
        all[0].Metadata.ShouldNotBeNull().ShouldBe(reasons, ignoreOrder: true);

        // The range is on the window's start, half-open.
        (await windows.GetWindowMetricsAsync("health-windows", "health.score", At(60), At(120))).Select(m => m.Value).ShouldBe([90]);
        (await windows.GetWindowMetricsAsync("health-windows", "error_rate", All.From, All.To)).Single().Value.ShouldBe(0.5);
        (await windows.GetWindowMetricsAsync("nobody", "health.score", All.From, All.To)).ShouldBeEmpty();
    }

    [Fact]
    public async Task HealthChecks_RecordedByTheApplication_AreReadBackInRange()
    {
        await using var store = await CreateStoreAsync();
        var checks = store.HealthChecks.ShouldNotBeNull("the provider must read recorded health checks");
        var model = Schema("health-checks");
        await WriteAsync(store, Batch(model, healthChecks: [
            new HealthCheckRecord { Timestamp = At(2), Status = ModelHealthStatus.Degraded, Score = 0.6, Issues = ["slow", "queue, deep"] },
            new HealthCheckRecord { Timestamp = At(1), Status = ModelHealthStatus.Healthy, Score = 1 },
            new HealthCheckRecord { Timestamp = At(9), Status = ModelHealthStatus.Unhealthy, Score = 0 }]));

        var read = await checks.GetHealthChecksAsync("health-checks", At(0), At(9));

        read.Count.ShouldBe(2);
        read[0].Timestamp.ShouldBe(At(1));
        read[0].Status.ShouldBe(ModelHealthStatus.Healthy);
        read[0].Score.ShouldBe(1);
        read[0].Issues.ShouldBeNull();
        read[1].Status.ShouldBe(ModelHealthStatus.Degraded);
        read[1].Score.ShouldBe(0.6);
        read[1].Issues.ShouldNotBeNull().ShouldBe(["slow", "queue, deep"]);
        (await checks.GetHealthChecksAsync("other", All.From, All.To)).ShouldBeEmpty();
    }

    [Fact]
    public async Task HealthTrend_PerHourAndDay_EqualsTheMeanAndMinimumOfTheStoredWindowScores()
    {
        await using var store = await CreateStoreAsync();
        var trends = store.Trends.ShouldNotBeNull(NoTrends);
        var maintain = store.Maintain.ShouldNotBeNull(NoTrends);
        var windows = store.WindowMetrics.ShouldNotBeNull("the provider must read window metrics over a range");
        var model = Schema("health-trend");
        var random = new Random(5);
        var metrics = new List<MetricRecord>();
        for (var minute = 0; minute < 150; minute += 5)
        {
            // Five-minute windows over two and a half hours; the window starting at 55 min ends in the next hour but belongs to its start's.
            metrics.Add(Metric("health.score", Math.Round(random.NextDouble() * 100, 3), At((minute + 5) * 60)) with { WindowStart = At(minute * 60) });
        }

        await WriteAsync(store, Batch(model, [Prediction(At(1))], metrics: [.. metrics]));
        await maintain(T0.AddDays(2));

        var day = new DateTimeOffset(T0.Date, TimeSpan.Zero);
        var hourly = await trends.GetHealthTrendAsync("health-trend", TrendResolution.Hour, day, day.AddDays(1));
        var daily = await trends.GetHealthTrendAsync("health-trend", TrendResolution.Day, day, day.AddDays(1));
        hourly.Select(p => p.Start).ShouldBe([T0, T0.AddHours(1), T0.AddHours(2)]);
        daily.Select(p => p.Start).ShouldBe([day]);
        foreach (var point in hourly.Concat(daily))
        {
            var length = point.Start == day && daily.Contains(point) ? TimeSpan.FromDays(1) : TimeSpan.FromHours(1);
            var stored = await windows.GetWindowMetricsAsync("health-trend", "health.score", point.Start, point.Start + length);
            point.WindowCount.ShouldBe(stored.Count);
            point.MeanScore.ShouldBe(stored.Average(m => m.Value), 1e-9);
            point.MinScore.ShouldBe(stored.Min(m => m.Value));
        }

        hourly.Select(p => p.WindowCount).ShouldBe([12, 12, 6]);
    }
}
