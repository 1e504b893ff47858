// One run on the shared 2-core build machine with four other builds going (noisy; not a gate), 2026-12-05,
// `dotnet run -c Release --project benchmarks/ModelMonitoring.Benchmarks -- --filter '*RealizedPerformanceBenchmarks*' --job short`:
//
// | Method              | Job                             | Mean      | StdDev    | Allocated |
// |-------------------- |-------------------------------- |----------:|----------:|----------:|
// | Compute             | DOTNET_TC_CallCountingDelayMs=0 |  39.05 ms | 13.732 ms |   5.62 MB |
// | RecomputeFromSqlite | DOTNET_TC_CallCountingDelayMs=0 |  94.09 ms | 19.337 ms |   9.73 MB |
// | Compute             | ShortRun                        |  16.97 ms |  3.796 ms |   5.62 MB |
// | RecomputeFromSqlite | ShortRun                        | 188.87 ms | 31.965 ms |   9.73 MB |
//
// (Compute was bimodal in the first job; the machine's load, not the code, dominates the spread.)

using BenchmarkDotNet.Attributes;
using ModelMonitoring.Performance;
using ModelMonitoring.Recording;
using ModelMonitoring.Sqlite;
using ModelMonitoring.Sqlite.Internal;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Benchmarks;

/// <summary>
/// Recomputing the realized performance of one prediction window of 10,000 labelled predictions (a binary classifier
/// with confidences, 50 segments, of which the default 20 get their own values) from a real SQLite file: reading the
/// predictions joined with their labels, computing every metric overall and per segment, and replacing the window's rows.
/// <c>Compute</c> is the in-memory part alone.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(TieredUpConfig))]
public class RealizedPerformanceBenchmarks
{
    private const int Predictions = 10_000;
    private static readonly DateTimeOffset Window = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly RealizedPerformanceOptions _options = new();
    private string _directory = null!;
    private SqliteMonitoringStore _store = null!;
    private IReadOnlyList<LabelledPrediction> _rows = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = Directory.CreateTempSubdirectory("modelmonitoring-bench-").FullName;
        _store = new SqliteMonitoringStore(new SqliteStorageOptions { Path = Path.Combine(_directory, "bench.db") }, null);
        var model = new ModelSchema("bench", "1", "bench", ["x"], []);
        var random = new Random(42);
        var predictions = new PredictionRecord[Predictions];
        var labels = new GroundTruthRecord[Predictions];
        for (var i = 0; i < Predictions; i++)
        {
            var positive = random.NextDouble() < 0.3;
            var score = Math.Clamp((positive ? 0.65 : 0.35) + ((random.NextDouble() - 0.5) * 0.6), 0, 1);
            var id = new PredictionId(9, (ulong)i + 1);
            predictions[i] = new PredictionRecord
            {
                Id = id,
                Timestamp = Window.AddTicks(i * (TimeSpan.TicksPerMinute / Predictions)),
                Latency = TimeSpan.FromMilliseconds(5),
                PredictedClass = score >= 0.5 ? "fraud" : "ok",
                Confidence = score >= 0.5 ? score : 1 - score,
                Segment = $"s{random.Next(50)}",
                NumericFeatures = new[] { random.NextDouble() },
                CategoricalFeatures = Array.Empty<string?>(),
            };
            labels[i] = new GroundTruthRecord { PredictionId = id, Timestamp = Window.AddHours(1), ActualClass = positive ? "fraud" : "ok" };
        }

        await _store.WriteAsync(new MonitoringBatch(model, predictions, labels), CancellationToken.None);
        _rows = await _store.GetLabelledPredictionsAsync("bench", Window, Window.AddMinutes(1), CancellationToken.None);
        if (_rows.Count != Predictions)
        {
            throw new InvalidOperationException($"Expected {Predictions} labelled predictions, read {_rows.Count}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public int Compute() =>
        WindowPerformance.Compute(_rows, Window, Window.AddMinutes(1), Window.AddHours(1), _options.MaxSegments, 100).Count;

    [Benchmark]
    public async Task<int> RecomputeFromSqlite()
    {
        var rows = await _store.GetLabelledPredictionsAsync("bench", Window, Window.AddMinutes(1), CancellationToken.None);
        var performance = WindowPerformance.Compute(rows, Window, Window.AddMinutes(1), Window.AddHours(1), _options.MaxSegments, 100);
        await _store.SaveRealizedPerformanceAsync("bench", Window, performance, CancellationToken.None);
        return performance.Count;
    }
}
