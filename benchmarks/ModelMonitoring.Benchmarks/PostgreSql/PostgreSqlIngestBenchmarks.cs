// Results, machines and every run: docs/benchmarks.md, "PostgreSQL ingestion".

using BenchmarkDotNet.Attributes;
using ModelMonitoring.PostgreSql;
using ModelMonitoring.PostgreSql.Internal;
using ModelMonitoring.Storage;
using Npgsql;

namespace ModelMonitoring.Benchmarks.PostgreSql;

/// <summary>
/// Writing one batch of predictions with 10 numeric features to PostgreSQL on loopback: through the
/// provider's sink (one transaction, the id table, the day's partition and its index), and by a plain
/// binary <c>COPY</c> of the same rows into a plain table (<see cref="PlainCopy"/>), the ceiling. Time is per
/// batch; predictions per second = BatchSize × 1e9 / Mean(ns). BenchmarkDotNet runs the two in separate processes
/// at separate times; on a shared machine compare them with <c>postgres-ingest</c> (<see cref="PostgreSqlIngestComparison"/>),
/// which alternates them in one process. The server is a throwaway one, or <c>MODELMONITORING_POSTGRES</c>'s.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(TieredUpConfig))]
public class PostgreSqlIngestBenchmarks
{
    private BenchmarkServer _server = null!;
    private NpgsqlDataSource _dataSource = null!;
    private PostgreSqlMonitoringStore _store = null!;
    private PlainCopy _plain = null!;
    private IngestRecords _records = null!;
    private MonitoringBatch _batch = null!;
    private PredictionRecord[] _rows = null!;

    [Params(4_096, 16_384)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = BenchmarkServer.Start();
        _dataSource = NpgsqlDataSource.Create(_server.ConnectionString);
        _store = new PostgreSqlMonitoringStore(new PostgreSqlStorageOptions { DataSource = _dataSource }, TimeProvider.System, null);
        await _store.OpenAsync(CancellationToken.None);
        _plain = new PlainCopy(_dataSource);
        await _plain.CreateAsync();
        _records = new IngestRecords(BatchSize);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _store.DisposeAsync();
        await _dataSource.DisposeAsync();
        _server.Dispose();
    }

    // Fresh ids for every batch, as the sink would otherwise take the path of a batch written again.
    [IterationSetup]
    public void NextBatch()
    {
        _batch = _records.NextBatch();
        _rows = [.. _batch.Predictions.Span];
    }

    [Benchmark(Baseline = true)]
    [InvocationCount(1)]
    public Task PlainBinaryCopy() => _plain.WriteAsync(_rows);

    [Benchmark]
    [InvocationCount(1)]
    public ValueTask<SinkWriteResult> ProviderSink() => _store.WriteAsync(_batch, CancellationToken.None);
}
