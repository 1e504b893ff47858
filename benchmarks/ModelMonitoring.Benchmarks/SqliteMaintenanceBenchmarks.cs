// One run on the shared 2-core machine while other builds ran (noisy), 2026-12-05,
// `dotnet run -c Release --project benchmarks/ModelMonitoring.Benchmarks -- --filter '*SqliteMaintenanceBenchmarks*'`
// (details in docs/benchmarks.md, "Roll-ups and retention"):
//
// | Method       | Mean     | Error    | StdDev   | Allocated |
// |------------- |---------:|---------:|---------:|----------:|
// | RollUpOneDay | 539.5 ms | 142.6 ms | 37.02 ms | 209.49 KB |
// | PruneOneDay  | 509.7 ms | 383.3 ms | 99.54 ms | 489.91 KB |

using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ModelMonitoring.Sqlite;
using ModelMonitoring.Sqlite.Internal;

namespace ModelMonitoring.Benchmarks;

/// <summary>
/// The cost of one day of data in the SQLite store's maintenance, on a real file holding one model's day: 100,000
/// predictions (two numeric features), a label for every other one, window metrics every minute (12 per window),
/// a drift check of 10 features every 5 minutes and realized performance (5 metrics) every 5 minutes.
/// <c>RollUpOneDay</c> rolls its 24 hours and the day up; <c>PruneOneDay</c> deletes every row of the day once it is
/// past a one-day retention (and rolls up the next, empty, day). Each iteration starts from a fresh copy of the file.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class SqliteMaintenanceBenchmarks
{
    private static readonly DateTimeOffset Day = MaintenanceDay.Day;
    private string _directory = null!;
    private string _template = null!;
    private string _work = null!;
    private SqliteMonitoringStore _store = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = Directory.CreateTempSubdirectory("modelmonitoring-bench-").FullName;
        _template = Path.Combine(_directory, "template.db");
        _work = Path.Combine(_directory, "work.db");
        using var store = new SqliteMonitoringStore(new SqliteStorageOptions { Path = _template }, null);
        foreach (var (start, batch, performance) in MaintenanceDay.Minutes())
        {
            await store.WriteAsync(batch, CancellationToken.None);
            if (performance is not null)
            {
                await store.SaveRealizedPerformanceAsync(MaintenanceDay.ModelName, start, [performance], CancellationToken.None);
            }
        }
    }

    [IterationSetup(Target = nameof(RollUpOneDay))]
    public void SetupRollUp() => Open(new SqliteStorageOptions { Path = _work, RawPredictionRetention = null, WindowRetention = null });

    [IterationSetup(Target = nameof(PruneOneDay))]
    public void SetupPrune()
    {
        // The day is rolled up first (not measured), as it would have been when it closed.
        Open(new SqliteStorageOptions { Path = _work, RawPredictionRetention = null, WindowRetention = null });
        _store.RunMaintenance(Day.AddDays(1).AddMinutes(10));
        _store.Dispose();
        _store = new SqliteMonitoringStore(new SqliteStorageOptions { Path = _work, RawPredictionRetention = TimeSpan.FromDays(1), WindowRetention = TimeSpan.FromDays(1) }, null);
    }

    [Benchmark]
    public int RollUpOneDay() => _store.RunMaintenance(Day.AddDays(1).AddMinutes(10)).Buckets;

    [Benchmark]
    public long PruneOneDay() => _store.RunMaintenance(Day.AddDays(2).AddMinutes(10)).Deleted;

    [IterationCleanup]
    public void CloseStore() => _store.Dispose();

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    private void Open(SqliteStorageOptions options)
    {
        File.Copy(_template, _work, overwrite: true);
        File.Delete(_work + "-wal");
        File.Delete(_work + "-shm");
        _store = new SqliteMonitoringStore(options, null);
    }
}
