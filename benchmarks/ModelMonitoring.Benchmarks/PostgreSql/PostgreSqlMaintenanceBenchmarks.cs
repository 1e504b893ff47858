// Results, machines and every run: docs/benchmarks.md, "Roll-ups and retention on PostgreSQL".

using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.Logging.Abstractions;
using ModelMonitoring.PostgreSql;
using ModelMonitoring.PostgreSql.Internal;
using ModelMonitoring.PostgreSql.Internal.Partitions;
using Npgsql;

namespace ModelMonitoring.Benchmarks.PostgreSql;

/// <summary>
/// The cost of one day of data in the PostgreSQL store's maintenance, the same day as <see cref="SqliteMaintenanceBenchmarks"/>'s:
/// one model, 100,000 predictions (two numeric features) in the day's own partition, a label for every other one,
/// window metrics every minute (12 per window), a drift check of 10 features and realized performance (5 metrics)
/// every 5 minutes. <c>RollUpOneDay</c> rolls its 24 hours and the day up; <c>PruneOneDay</c> is the maintenance once
/// the day is past a one-day retention: its rows deleted from the other tables by the bounded deletes, then its
/// partition of predictions (and its ids) dropped. Each iteration works on a fresh database cloned from a template
/// that holds the day (<c>CREATE DATABASE … TEMPLATE</c>, not timed); a throwaway server on loopback (<see cref="BenchmarkServer"/>).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class PostgreSqlMaintenanceBenchmarks
{
    private const int Predictions = MaintenanceDay.Predictions;
    private static readonly DateTimeOffset Day = MaintenanceDay.Day;
    private readonly SettableClock _clock = new();
    private BenchmarkServer _server = null!;
    private string _admin = null!;
    private string _template = null!;
    private NpgsqlDataSource? _dataSource;
    private PostgreSqlMonitoringStore? _store;
    private int _iteration;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = BenchmarkServer.Start();
        var builder = new NpgsqlConnectionStringBuilder(_server.ConnectionString);
        _template = builder.Database!;
        _admin = new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = "postgres", Pooling = false }.ToString();

        // The store's clock at the start of the day: its partitions from that day on are created as the store opens.
        _clock.Now = Day;
        await using (var dataSource = NpgsqlDataSource.Create(_server.ConnectionString))
        await using (var store = new PostgreSqlMonitoringStore(Options(dataSource, retention: null), _clock, null))
        {
            await WriteDayAsync(store);
        }

        NpgsqlConnection.ClearAllPools();
        await VerifyAsync();
    }

    [IterationSetup(Target = nameof(RollUpOneDay))]
    public void SetupRollUp() => Open(retention: null);

    [IterationSetup(Target = nameof(PruneOneDay))]
    public void SetupPrune()
    {
        // The day is rolled up first (not measured), as it would have been when it closed.
        Open(retention: null);
        _store!.RunMaintenanceAsync(Day.AddDays(1).AddMinutes(10), CancellationToken.None).GetAwaiter().GetResult();
        _store.Dispose();
        _store = new PostgreSqlMonitoringStore(Options(_dataSource!, TimeSpan.FromDays(1)), _clock, null);
    }

    [Benchmark]
    public async Task RollUpOneDay() => await _store!.RunMaintenanceAsync(Day.AddDays(1).AddMinutes(10), CancellationToken.None);

    [Benchmark]
    public async Task PruneOneDay()
    {
        var now = Day.AddDays(2).AddMinutes(10);
        await _store!.RunMaintenanceAsync(now, CancellationToken.None);
        await using var connection = await _dataSource!.OpenConnectionAsync();
        await PartitionMaintainer.MaintainAsync(connection, new SqlText(new PostgreSqlStorageOptions().Schema), DateOnly.FromDateTime(now.UtcDateTime), 1, 30, NullLogger.Instance, CancellationToken.None);
    }

    [IterationCleanup]
    public void CloseStore()
    {
        _store?.Dispose();
        _dataSource?.Dispose();
        NpgsqlConnection.ClearAllPools();
    }

    [GlobalCleanup]
    public void Cleanup() => _server.Dispose();

    // Once, on a clone: the day is in its own partition, the roll-up makes buckets, and the prune leaves nothing of the day,
    // so that the timed runs measure the work and not an empty pass.
    private async Task VerifyAsync()
    {
        SetupPrune();
        var rolled = await ScalarAsync("SELECT count(DISTINCT (resolution, bucket_start)) FROM model_monitoring.rollups;");
        var inPartition = await ScalarAsync("SELECT count(*) FROM model_monitoring.predictions_p20260101;");
        await PruneOneDay();
        var left = await ScalarAsync("SELECT (SELECT count(*) FROM model_monitoring.predictions) + (SELECT count(*) FROM model_monitoring.metrics) "
            + "+ (SELECT count(*) FROM model_monitoring.ground_truth) + (SELECT count(*) FROM model_monitoring.drift_checks) + (SELECT count(*) FROM model_monitoring.prediction_ids);");
        CloseStore();
        if (rolled != 25 || inPartition != Predictions || left != 0)
        {
            throw new InvalidOperationException($"The benchmark's day is not what it should be: {rolled} buckets rolled up (25 expected), {inPartition} predictions in the day's partition ({Predictions} expected), {left} rows left after the prune (0 expected).");
        }
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var command = _dataSource!.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static PostgreSqlStorageOptions Options(NpgsqlDataSource dataSource, TimeSpan? retention) => new()
    {
        DataSource = dataSource,
        RawPredictionRetention = retention,
        WindowRetention = retention,
    };

    private void Open(TimeSpan? retention)
    {
        var database = $"{_template}_work{++_iteration}";
        using (var admin = new NpgsqlConnection(_admin))
        {
            admin.Open();
            using var clone = new NpgsqlCommand($"CREATE DATABASE {database} TEMPLATE {_template};", admin);
            clone.ExecuteNonQuery();
        }

        _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = database }.ToString());
        _store = new PostgreSqlMonitoringStore(Options(_dataSource, retention), _clock, null);
    }

    private static async Task WriteDayAsync(PostgreSqlMonitoringStore store)
    {
        var performanceStore = new PostgreSqlRealizedPerformanceStore(store);
        foreach (var (start, batch, performance) in MaintenanceDay.Minutes())
        {
            await store.WriteAsync(batch, CancellationToken.None);
            if (performance is not null)
            {
                await performanceStore.SaveRealizedPerformanceAsync(MaintenanceDay.ModelName, start, [performance], CancellationToken.None);
            }
        }
    }

    private sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
