using ModelMonitoring.Sqlite.Internal;
using ModelMonitoring.Sqlite.Tests.Processes;

namespace ModelMonitoring.Sqlite.Tests;

public sealed class CrashSafetyTests : IDisposable
{
    private const int Kills = 3;
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task ChildKilledWhileFlushing_LeavesADatabaseThatPassesIntegrityCheckWithEveryCommittedBatchComplete()
    {
        var path = _directory.File("crash.db");
        var committed = new List<string>();
        for (var kill = 0; kill < Kills; kill++)
        {
            using var child = CrashWriterProcess.Start(path, $"run{kill}");
            await child.WaitForCommitsAsync(3);

            await child.KillAsync();
            committed.AddRange(child.Committed);

            ShouldBeIntact(path, committed);
        }

        // The store opens the killed writers' file as usual and reads every committed batch.
        await using var store = new SqliteMonitoringStore(new SqliteStorageOptions { Path = path }, loggerFactory: null);
        var summary = await store.GetPredictionSummaryAsync(CrashWriter.Model, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        summary.Count.ShouldBeGreaterThanOrEqualTo((long)committed.Count * CrashWriter.BatchSize);
        (summary.Count % CrashWriter.BatchSize).ShouldBe(0);
    }

    private static void ShouldBeIntact(string path, List<string> committed)
    {
        using var connection = SqliteTestDatabase.Open(path);
        SqliteTestDatabase.Scalar(connection, "PRAGMA integrity_check;").ShouldBe("ok");

        var sizes = new Dictionary<string, long>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT segment, COUNT(*) FROM predictions GROUP BY segment;";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                sizes[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        sizes.ShouldAllBe(batch => batch.Value == CrashWriter.BatchSize, "every stored batch is complete");
        committed.ShouldBeSubsetOf(sizes.Keys, "every batch reported committed is stored");
    }

    public void Dispose() => _directory.Dispose();
}
