// Results, machines and every run: docs/benchmarks.md, "SQLite flush".

using BenchmarkDotNet.Attributes;
using ModelMonitoring.Recording;
using ModelMonitoring.Sqlite;
using ModelMonitoring.Sqlite.Internal;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Benchmarks;

/// <summary>
/// Writing one batch of 4,096 predictions (10 numeric features, a class, a confidence, ids and
/// timestamps) to a real SQLite file in WAL mode: one transaction, prepared statements, indexes
/// maintained. Time is per prediction; predictions per second = 1e9 / Mean(ns).
/// Results: see docs/benchmarks.md.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(TieredUpConfig))]
public class SqliteFlushBenchmarks
{
    private const int BatchSize = 4_096;
    private readonly ModelSchema _model = new("bench", "1", "bench", [.. Enumerable.Range(0, 10).Select(i => $"f{i}")], []);
    private string _directory = null!;
    private SqliteMonitoringStore _store = null!;
    private PredictionRecord[] _records = null!;
    private double[] _features = null!;
    private ulong _next;
    private DateTimeOffset _time = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("modelmonitoring-bench-").FullName;
        _store = new SqliteMonitoringStore(new SqliteStorageOptions { Path = Path.Combine(_directory, "bench.db") }, null);
        _records = new PredictionRecord[BatchSize];
        _features = new double[BatchSize * 10];
        var random = new Random(42);
        for (var i = 0; i < _features.Length; i++)
        {
            _features[i] = random.NextDouble() * 100;
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [IterationSetup]
    public void NextBatch()
    {
        for (var i = 0; i < BatchSize; i++)
        {
            _time = _time.AddMilliseconds(1);
            _records[i] = new PredictionRecord
            {
                Id = new PredictionId(7, ++_next),
                Timestamp = _time,
                Latency = TimeSpan.FromMilliseconds(3),
                PredictedClass = (i & 1) == 0 ? "legit" : "fraud",
                Confidence = 0.9,
                NumericFeatures = new ReadOnlyMemory<double>(_features, i * 10, 10),
            };
        }
    }

    [Benchmark(OperationsPerInvoke = BatchSize)]
    [InvocationCount(1)]
    public ValueTask<SinkWriteResult> WriteBatch() => _store.WriteAsync(new MonitoringBatch(_model, _records), CancellationToken.None);
}
