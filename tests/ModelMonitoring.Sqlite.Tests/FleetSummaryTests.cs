using Microsoft.Extensions.DependencyInjection;
using ModelMonitoring.Fleet;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Sqlite.Tests;

/// <summary>A single process on SQLite keeps its row of the fleet summary, like every replica on a shared store.</summary>
public sealed class FleetSummaryTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task Pipeline_SavesItsRowEveryCycle_WithItsOwnAccounting_AndLeadsAlone()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
        var started = clock.GetUtcNow();
        await using var test = TestPipeline.Create(
            o =>
            {
                o.ReplicaName = "worker-7";
                o.AddModel("fraud", m => m.NumericFeatures("x"));
            },
            b => b.UseSqlite(_directory.File("fleet.db")),
            clock);
        var monitor = test.Pipeline.GetMonitor("fraud");
        for (var i = 0; i < 5; i++)
        {
            monitor.RecordPrediction(new Prediction { NumericFeatures = [i] });
        }

        test.Pipeline.GetMonitor("not-configured").RecordPrediction(new Prediction { NumericFeatures = [1] }); // dropped: unknown model
        clock.Advance(TimeSpan.FromSeconds(30));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        var statistics = test.Pipeline.GetStatistics();
        var row = (await test.Pipeline.Services.GetRequiredService<IReplicaStore>().GetReplicasAsync()).ShouldHaveSingleItem();
        row.Name.ShouldBe("worker-7");
        row.StartedAt.ShouldBe(started);
        row.LastSeen.ShouldBe(clock.GetUtcNow());
        row.Received.ShouldBe(statistics.Received);
        row.Stored.ShouldBe(5);
        row.Dropped.ShouldBe(statistics.Dropped);
        row.Dropped.ShouldBe(1);
        row.DroppedByReason.ShouldBe(new Dictionary<DropReason, long> { [DropReason.UnknownModel] = 1 });
        row.IsLeader.ShouldBeTrue();
        statistics.IsLeader.ShouldBeTrue();
    }

    public void Dispose() => _directory.Dispose();
}
