using ModelMonitoring.Alerting;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Sqlite.Tests;

/// <summary>A streaming detector's detection is stored in the SQLite file as its <c>concept.*</c> alert.</summary>
public sealed class ConceptDriftStorageTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task ConceptDriftAlert_IsStoredInSqlite_AndResolvedAfterARestartOnceTheErrorsAreQuiet()
    {
        var path = _directory.File("concept.db");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 0, 30, TimeSpan.Zero));
        var random = new Random(7);

        await using (var first = Create(path, clock))
        {
            await LabelAsync(first, random, 1000, errorRate: 0.1);
            await LabelAsync(first, random, 300, errorRate: 0.6);
            first.Channel.Alerts.ShouldHaveSingleItem().Name.ShouldBe("concept.ddm");
        }

        await using var second = Create(path, clock);
        var stored = (await second.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldHaveSingleItem();
        (stored.Model, stored.Name, stored.State, stored.Metric).ShouldBe(("fraud", "concept.ddm", AlertState.Firing, "error"));
        stored.Message.ShouldContain("concept drift");

        await LabelAsync(second, random, 500, errorRate: 0.6);

        (await second.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldBeEmpty();
        var history = (await second.Pipeline.Alerts.GetAlertHistoryAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue)).ShouldHaveSingleItem();
        (history.Id, history.State).ShouldBe((stored.Id, AlertState.Resolved));
    }

    public void Dispose() => _directory.Dispose();

    private static TestPipeline Create(string path, FakeTimeProvider clock) => TestPipeline.Create(
        o => o.AddModel("fraud", m => m.NumericFeatures("x").StreamingDetector("ddm", d => d.ResolveAfterLabels = 400)),
        b => b.UseSqlite(path),
        clock);

    private static async Task LabelAsync(TestPipeline test, Random random, int count, double errorRate)
    {
        var monitor = test.Pipeline.GetMonitor("fraud");
        for (var done = 0; done < count; done += 100)
        {
            for (var i = 0; i < 100; i++)
            {
                var id = monitor.RecordPrediction(new Prediction { NumericFeatures = [random.NextDouble()], PredictedClass = "yes" });
                monitor.RecordGroundTruth(id, random.NextDouble() < errorRate ? "no" : "yes").ShouldBeTrue();
            }

            (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        }
    }
}
