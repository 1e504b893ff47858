using Microsoft.Extensions.DependencyInjection;
using ModelMonitoring.Alerting;
using ModelMonitoring.Drift;
using ModelMonitoring.Recording;

namespace ModelMonitoring.Sqlite.Tests;

public sealed class DriftEndToEndTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();
    private readonly Random _random = new(7);

    [Fact]
    public async Task LearnedReference_IsSavedInTheDatabase_ReusedAfterARestart_AndChecksAreReported()
    {
        var path = _directory.File("drift.db");
        var clock = new FakeTimeProvider(T0);

        await using (var first = Create(path, clock))
        {
            Record(first.GetMonitor("fraud"), 300, shift: 0);
            (await first.FlushAsync()).ShouldBeTrue();
            SqliteTestDatabase.Count(path, "SELECT row_count FROM reference_profiles WHERE model = 'fraud';").ShouldBe(300);

            clock.Advance(TimeSpan.FromMinutes(1));
            (await first.FlushAsync()).ShouldBeTrue();
        }

        await using var second = Create(path, clock);
        (await second.FlushAsync()).ShouldBeTrue();
        var status = second.DriftMonitoring.GetStatus("fraud");
        status.Reference.ShouldNotBeNull().RowCount.ShouldBe(300);
        status.ReferenceRowsCollected.ShouldBe(0);

        Record(second.GetMonitor("fraud"), 200, shift: 3);
        clock.Advance(TimeSpan.FromMinutes(1));
        (await second.FlushAsync()).ShouldBeTrue();

        var history = await second.Reader.GetDriftHistoryAsync("fraud", T0, T0.AddHours(1));
        history.Select(c => (c.Timestamp, c.DatasetDrifted)).ShouldBe([(T0.AddMinutes(1), false), (T0.AddMinutes(2), true)]);
        history.ShouldAllBe(c => c.ReferenceRowCount == 300 && c.RowCount == 200);
        history[1].Features.Select(f => (f.Feature, f.Drifted)).ShouldBe([("amount", true), ("country", false)]);

        var report = await second.Reader.GetDriftReportAsync("fraud", T0, T0.AddHours(1));
        report.CheckCount.ShouldBe(2);
        report.DriftRate.ShouldBe(0.5);
        report.LatestRecommendation.ShouldBe(DriftSeverity.Warning, "one of two features drifted: half, not more than half");
        report.RecentScores.Count.ShouldBe(2);
        report.FeatureDriftCounts.ShouldBe(new Dictionary<string, int> { ["amount"] = 1, ["country"] = 0 });

        var alerts = await second.Reader.GetAlertsAsync("fraud", T0, T0.AddHours(1));
        alerts.Where(a => a.Name == "drift.dataset").ShouldHaveSingleItem().State.ShouldBe(AlertState.Firing);
    }

    private static MonitoringPipeline Create(string path, FakeTimeProvider clock) => MonitoringPipeline.Create(builder =>
    {
        builder.Services.AddSingleton<TimeProvider>(clock);
        // The clock jumps a minute at a time; a write running across a jump must not be timed out by it.
        builder.Configure(o => o.SinkTimeout = TimeSpan.FromHours(1));
        builder.Configure(o => o.AddModel("fraud", m => m
                .NumericFeatures("amount")
                .CategoricalFeatures("country")
                .Drift(d =>
                {
                    d.WindowSize = 200;
                    d.MinimumRows = 50;
                    d.CheckInterval = TimeSpan.FromMinutes(1);
                    d.ReferenceFromFirst = 300;
                })))
            .UseSqlite(path);
    });

    private void Record(IModelMonitor monitor, int count, double shift)
    {
        for (var i = 0; i < count; i++)
        {
            var amount = shift + Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
            monitor.RecordPrediction(new Prediction
            {
                NumericFeatures = [amount],
                CategoricalFeatures = [_random.Next(2) == 0 ? "NL" : "DE"],
            }).ShouldNotBe(PredictionId.Empty);
        }
    }

    public void Dispose() => _directory.Dispose();
}
