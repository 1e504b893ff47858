using Microsoft.Extensions.DependencyInjection;
using ModelMonitoring.Health;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;
using ModelMonitoring.Trends;

namespace ModelMonitoring.Sqlite.Tests;

/// <summary>
/// Health end to end through the public pipeline and a real SQLite file on a fake clock: the worker scores each
/// closed window, the score and its reasons are stored and read back after a restart, the hourly health trend comes
/// from the roll-ups, and the application's own health checks are readable.
/// </summary>
public sealed class HealthEndToEndTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task EachClosedWindow_IsScored_Stored_AndReadBack_WithItsReasons()
    {
        var path = _directory.File("health.db");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
        var hour = clock.GetUtcNow();
        await using (var test = Create(path, clock))
        {
            var monitor = test.Pipeline.GetMonitor("fraud");
            Record(monitor, count: 50, errors: 0, latencyMs: 5);
            monitor.RecordHealthCheck(ModelHealthStatus.Degraded, 0.5, ["feature store slow"]).ShouldBeTrue();
            clock.Advance(TimeSpan.FromSeconds(62));
            Record(monitor, count: 50, errors: 10, latencyMs: 40);
            clock.Advance(TimeSpan.FromSeconds(62));
            (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        }

        await using var reopened = Create(path, clock);
        var reader = reopened.Pipeline.Services.GetRequiredService<IModelHealthReader>();

        var latest = (await reader.GetLatestHealthAsync("fraud")).ShouldNotBeNull();
        (latest.WindowStart, latest.WindowEnd).ShouldBe((hour.AddMinutes(1), hour.AddMinutes(2)));

        // 20% errors is past the 10% critical level (30 points, and unhealthy whatever the score); p95 40 ms is 4x the
        // 10 ms baseline (15 points).
        latest.Score.ShouldBe(55, 1e-9);
        latest.Status.ShouldBe(ModelHealthStatus.Unhealthy);
        latest.Reasons.Select(r => (r.Component, r.Penalty)).ShouldBe([(HealthComponent.ErrorRate, 30), (HealthComponent.Latency, 15)]);
        latest.Reasons[0].Message.ShouldBe("error rate 20% (warning 1%, critical 10%)");

        var trend = await reader.GetHealthTrendAsync("fraud", hour, hour.AddHours(1));
        trend.Select(h => (h.WindowStart, h.Score, h.Status)).ShouldBe([(hour, 100.0, ModelHealthStatus.Healthy), (hour.AddMinutes(1), 55.0, ModelHealthStatus.Unhealthy)]);
        (await reader.GetLatestHealthAsync("nobody")).ShouldBeNull();

        var checks = await reopened.Pipeline.Services.GetRequiredService<IHealthCheckReader>().GetHealthChecksAsync("fraud", hour, hour.AddHours(1));
        var check = checks.ShouldHaveSingleItem();
        (check.Status, check.Score, check.Issues!.Single()).ShouldBe((ModelHealthStatus.Degraded, 0.5, "feature store slow"));

        // The roll-up of the closed hour: mean and lowest of the two window scores.
        var store = reopened.Pipeline.Services.GetRequiredService<ModelMonitoring.Sqlite.Internal.SqliteMonitoringStore>();
        store.RunMaintenance(hour.AddDays(1));
        var hourly = await reopened.Pipeline.Services.GetRequiredService<ITrendReader>().GetHealthTrendAsync("fraud", TrendResolution.Hour, hour, hour.AddHours(1));
        hourly.ShouldHaveSingleItem().ShouldBe(new HealthTrendPoint(hour, 2, 77.5, 55));
    }

    [Fact]
    public async Task Health_TurnedOff_StoresNoHealthMetrics()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
        await using var test = Create(_directory.File("off.db"), clock, enabled: false);
        Record(test.Pipeline.GetMonitor("fraud"), count: 10, errors: 5, latencyMs: 5);
        clock.Advance(TimeSpan.FromSeconds(62));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        (await test.Pipeline.Reader.GetRecentMetricsAsync("fraud", "error_rate")).ShouldHaveSingleItem();
        (await test.Pipeline.Services.GetRequiredService<IModelHealthReader>().GetLatestHealthAsync("fraud")).ShouldBeNull();
    }

    [Fact]
    public async Task ALearnedLatencyBaseline_SurvivesARestart_SoARegressionAfterTheRestartIsJudgedNotLearned()
    {
        var path = _directory.File("baseline.db");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
        await using (var before = Create(path, clock, latencyBaselineMs: null))
        {
            // Six windows at 5 ms: five teach the baseline, the sixth is judged against it (and stores it).
            for (var window = 0; window < 6; window++)
            {
                Record(before.Pipeline.GetMonitor("fraud"), count: 20, errors: 0, latencyMs: 5);
                clock.Advance(TimeSpan.FromSeconds(62));
                (await before.Pipeline.FlushAsync()).ShouldBeTrue();
            }
        }

        // A deployment made the model four times slower; the new process starts with it.
        await using var after = Create(path, clock, latencyBaselineMs: null);
        var restartedAt = clock.GetUtcNow();
        Record(after.Pipeline.GetMonitor("fraud"), count: 20, errors: 0, latencyMs: 20);
        clock.Advance(TimeSpan.FromSeconds(62));
        (await after.Pipeline.FlushAsync()).ShouldBeTrue();

        var latest = (await after.Pipeline.Services.GetRequiredService<IModelHealthReader>().GetLatestHealthAsync("fraud")).ShouldNotBeNull();
        latest.WindowStart.ShouldBeGreaterThanOrEqualTo(restartedAt.AddMinutes(-1));
        latest.Reasons.ShouldHaveSingleItem().Message.ShouldBe("p95 latency 20 ms is 4.00x the baseline 5 ms (warning 1.5x, critical 3x)");
        latest.Score.ShouldBe(85, 1e-9);
        after.Pipeline.GetStatistics().StageFailures.ShouldBe(0);
    }

    public void Dispose() => _directory.Dispose();

    private static TestPipeline Create(string path, FakeTimeProvider clock, bool enabled = true, double? latencyBaselineMs = 10) => TestPipeline.Create(
        o => o.AddModel("fraud", m => m.NumericFeatures("x").Health(h =>
        {
            h.Enabled = enabled;
            h.LatencyBaseline = latencyBaselineMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null;
        })),
        b => b.UseSqlite(path),
        clock);

    private static void Record(IModelMonitor monitor, int count, int errors, double latencyMs)
    {
        for (var i = 0; i < count; i++)
        {
            monitor.RecordPrediction(new Prediction
            {
                NumericFeatures = [i],
                PredictedClass = "ok",
                Latency = TimeSpan.FromMilliseconds(latencyMs),
                Status = i < errors ? PredictionStatus.Error : PredictionStatus.Success,
            });
        }
    }
}
