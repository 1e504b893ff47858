using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelMonitoring.Recording;
using ModelMonitoring.Sqlite.Internal;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Sqlite.Tests;

/// <summary>The database file deleted under a running pipeline, or too full for a batch: nothing is counted stored that is not in the file.</summary>
public sealed class StoreFileHardeningTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();
    private readonly CapturingLoggerProvider _logs = new();

    [Fact]
    public async Task DatabaseFileDeletedWhileRunning_IsCreatedAgain_HoldsWhatWasWrittenAfter_AndAWarningIsLogged()
    {
        var path = _directory.File("deleted.db");
        await using var pipeline = Create(path);
        var monitor = pipeline.GetMonitor("m");
        Record(monitor, 0, 100);
        (await pipeline.FlushAsync()).ShouldBeTrue();

        File.Delete(path);
        Record(monitor, 100, 250);
        (await pipeline.FlushAsync()).ShouldBeTrue();

        File.Exists(path).ShouldBeTrue();
        SqliteTestDatabase.Count(path, "SELECT COUNT(*) FROM predictions").ShouldBe(150);
        (await pipeline.Reader.GetPredictionSummaryAsync("m", T0, T0.AddHours(1))).Count.ShouldBe(150);
        _logs.Lines.ShouldContain(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("was deleted or replaced", StringComparison.Ordinal));
        var statistics = pipeline.GetStatistics();
        statistics.Stored.ShouldBe(250);
        (statistics.Stored + statistics.Buffered + statistics.Dropped).ShouldBe(statistics.Received);
    }

    [Fact]
    public async Task DatabaseFileReplacedWhileRunning_IsOpenedAgain_AndLaterRecordsGoToTheNewFile()
    {
        var path = _directory.File("replaced.db");
        await using var pipeline = Create(path);
        var monitor = pipeline.GetMonitor("m");
        Record(monitor, 0, 10);
        (await pipeline.FlushAsync()).ShouldBeTrue();
        new SqliteMonitoringStore(new SqliteStorageOptions { Path = _directory.File("other.db") }, loggerFactory: null).Dispose();
        File.Move(_directory.File("other.db"), path, overwrite: true);
        Record(monitor, 10, 30);
        (await pipeline.FlushAsync()).ShouldBeTrue();

        SqliteTestDatabase.Count(path, "SELECT COUNT(*) FROM predictions").ShouldBe(20);
        _logs.Lines.ShouldContain(l => l.Contains("was deleted or replaced", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DatabaseTooFullForABatch_StoresWhatFits_CountsTheRest_AndRecoversFullyOnceRoomReturns()
    {
        var path = _directory.File("full.db");
        await using var pipeline = Create(path, o =>
        {
            o.MaxBatchSize = 4_096;
            o.SinkRetryCount = 6;
            o.SinkRetryDelay = TimeSpan.FromMilliseconds(1);
        });
        var store = pipeline.Services.GetRequiredService<SqliteMonitoringStore>();
        var monitor = pipeline.GetMonitor("m");
        Record(monitor, 0, 10);
        (await pipeline.FlushAsync()).ShouldBeTrue();

        // Room for roughly a thousand more predictions, not for a batch of 4,096 (SQLite fails the transaction with SQLITE_FULL).
        var pages = SqliteTestDatabase.Count(path, "PRAGMA page_count");
        store.SetMaxPageCount(pages + 40);
        Record(monitor, 10, 4_096 + 10);
        var whileFull = await pipeline.FlushAsync();
        var afterFull = pipeline.GetStatistics();
        var storedWhileFull = SqliteTestDatabase.Count(path, "SELECT COUNT(*) FROM predictions") - 10;

        store.SetMaxPageCount(1_000_000);
        Record(monitor, 4_096 + 10, (2 * 4_096) + 10);
        var afterRoom = await pipeline.FlushAsync();
        Record(monitor, (2 * 4_096) + 10, (3 * 4_096) + 10);
        afterRoom &= await pipeline.FlushAsync();
        var statistics = pipeline.GetStatistics();

        whileFull.ShouldBeFalse();
        storedWhileFull.ShouldBeGreaterThan(0);
        storedWhileFull.ShouldBeLessThan(4_096);
        afterFull.Stored.ShouldBe(10 + storedWhileFull);
        afterFull.GetDropped(DropReason.SinkFailure).ShouldBe(4_096 - storedWhileFull);
        afterRoom.ShouldBeTrue();
        SqliteTestDatabase.Count(path, "SELECT COUNT(*) FROM predictions").ShouldBe(10 + storedWhileFull + (2 * 4_096));
        statistics.Stored.ShouldBe(10 + storedWhileFull + (2 * 4_096));
        (statistics.Stored + statistics.Buffered + statistics.Dropped).ShouldBe(statistics.Received);
    }

    [Fact]
    public async Task RepeatedPredictionId_IsStoredOnce_AndCountedAsDuplicateId()
    {
        var path = _directory.File("duplicates.db");
        await using var pipeline = Create(path);
        var monitor = pipeline.GetMonitor("m");
        var id = PredictionId.FromGuid(Guid.NewGuid());

        for (var i = 0; i < 5; i++)
        {
            monitor.RecordPrediction(new Prediction { Id = id, NumericFeatures = [i], Timestamp = T0.AddSeconds(i) });
        }

        (await pipeline.FlushAsync()).ShouldBeTrue();
        var statistics = pipeline.GetStatistics();

        SqliteTestDatabase.Count(path, "SELECT COUNT(*) FROM predictions").ShouldBe(1);
        statistics.Stored.ShouldBe(1);
        statistics.GetDropped(DropReason.DuplicateId).ShouldBe(4);
        (statistics.Stored + statistics.Buffered + statistics.Dropped).ShouldBe(statistics.Received);
    }

    public void Dispose() => _directory.Dispose();

    private static void Record(IModelMonitor monitor, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            monitor.RecordPrediction(new Prediction { NumericFeatures = [i], Timestamp = T0.AddMilliseconds(i) }).IsEmpty.ShouldBeFalse();
        }
    }

    private MonitoringPipeline Create(string path, Action<ModelMonitoringOptions>? tweak = null) => MonitoringPipeline.Create(builder =>
    {
        builder.Services.AddLogging(l => l.AddProvider(_logs));
        builder.Configure(o =>
        {
            o.BufferCapacity = 65_536;

            // The records carry a fixed 2025 time against the real clock, as a backfill does.
            o.MaxLateness = TimeSpan.FromDays(36_500);
            o.AddModel("m", m => m.NumericFeatures("x"));
            tweak?.Invoke(o);
        }).UseSqlite(path);
    });
}
