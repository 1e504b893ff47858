using ModelMonitoring.Sqlite.Internal;
using ModelMonitoring.Sqlite.Tests.Processes;
using ModelMonitoring.Storage;
using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.Sqlite.Tests;

public sealed class SqliteConcurrencyTests : IDisposable
{
    private const int Batches = 20;
    private const int BatchSize = 1_000;
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task TwoStoresOnOneFile_WritingAtOnce_BothStoreEveryBatch()
    {
        var options = new SqliteStorageOptions { Path = _directory.File("shared.db") };
        await using var first = new SqliteMonitoringStore(options, loggerFactory: null);
        await using var second = new SqliteMonitoringStore(options, loggerFactory: null);

        await Task.WhenAll(Task.Run(() => WriteBatchesAsync(first, "first")), Task.Run(() => WriteBatchesAsync(second, "second")));

        (await first.GetPredictionSummaryAsync("first", DateTimeOffset.MinValue, DateTimeOffset.MaxValue)).Count.ShouldBe(Batches * BatchSize);
        (await first.GetPredictionSummaryAsync("second", DateTimeOffset.MinValue, DateTimeOffset.MaxValue)).Count.ShouldBe(Batches * BatchSize);
    }

    [Fact]
    public async Task AnotherProcessWritingTheSameFile_DoesNotStopThisStoreFromWriting()
    {
        var path = _directory.File("two-processes.db");
        using var child = CrashWriterProcess.Start(path, "child");
        await child.WaitForCommitsAsync(1);
        await using var store = new SqliteMonitoringStore(new SqliteStorageOptions { Path = path }, loggerFactory: null);

        await WriteBatchesAsync(store, "parent");
        await child.WaitForCommitsAsync(2);
        await child.KillAsync();

        (await store.GetPredictionSummaryAsync("parent", DateTimeOffset.MinValue, DateTimeOffset.MaxValue)).Count.ShouldBe(Batches * BatchSize);
        (await store.GetPredictionSummaryAsync(CrashWriter.Model, DateTimeOffset.MinValue, DateTimeOffset.MaxValue)).Count
            .ShouldBeGreaterThanOrEqualTo((long)child.Committed.Count * CrashWriter.BatchSize);
    }

    private static async Task WriteBatchesAsync(SqliteMonitoringStore store, string model)
    {
        var schema = Schema(model, numeric: ["x"]);
        for (var batch = 0; batch < Batches; batch++)
        {
            var predictions = Enumerable.Range(0, BatchSize).Select(i => Prediction(At(batch + (i / 10_000.0)), numeric: [i])).ToArray();
            await store.WriteAsync(new MonitoringBatch(schema, predictions), CancellationToken.None);
        }
    }

    public void Dispose() => _directory.Dispose();
}
