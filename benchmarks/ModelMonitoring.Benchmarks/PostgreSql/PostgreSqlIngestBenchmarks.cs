// Results, machines and every run: docs/benchmarks.md, "PostgreSQL ingestion".

using BenchmarkDotNet.Attributes;
using ModelMonitoring.Storage;

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
    private BenchmarkStore _bench = null!;
    private PlainCopy _plain = null!;
    private IngestRecords _records = null!;
    private MonitoringBatch _batch = null!;
    private PredictionRecord[] _rows = null!;

    [Params(4_096, 16_384)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _bench = await BenchmarkStore.OpenAsync();
        _plain = new PlainCopy(_bench.DataSource);
        await _plain.CreateAsync();
        _records = new IngestRecords(BatchSize);
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _bench.DisposeAsync();

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
    public ValueTask<SinkWriteResult> ProviderSink() => _bench.Store.WriteAsync(_batch, CancellationToken.None);
}
