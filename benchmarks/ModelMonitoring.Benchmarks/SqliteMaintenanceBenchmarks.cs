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
using ModelMonitoring.Drift;
using ModelMonitoring.Recording;
using ModelMonitoring.Sqlite;
using ModelMonitoring.Sqlite.Internal;
using ModelMonitoring.Storage;

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
    private const int Predictions = 100_000;
    private static readonly DateTimeOffset Day = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
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
        var model = new ModelSchema("bench", "1", "bench", ["x", "y"], []);
        var random = new Random(42);
        const int Minutes = 1440;
        for (var minute = 0; minute < Minutes; minute++)
        {
            var start = Day.AddMinutes(minute);
            var count = Predictions / Minutes + (minute < Predictions % Minutes ? 1 : 0);
            var predictions = new PredictionRecord[count];
            var labels = new List<GroundTruthRecord>();
            for (var i = 0; i < count; i++)
            {
                var id = new PredictionId(7, (ulong)((minute * 100) + i + 1));
                predictions[i] = new PredictionRecord
                {
                    Id = id,
                    Timestamp = start.AddTicks(i * (TimeSpan.TicksPerMinute / count)),
                    Latency = TimeSpan.FromTicks(random.Next(10_000, 500_000)),
                    PredictedClass = random.Next(3) == 0 ? "fraud" : "ok",
                    Confidence = random.NextDouble(),
                    NumericFeatures = new[] { random.NextDouble(), random.NextDouble() },
                    CategoricalFeatures = Array.Empty<string?>(),
                };
                if (i % 2 == 0)
                {
                    labels.Add(new GroundTruthRecord { PredictionId = id, Timestamp = start.AddMinutes(1), ActualClass = "ok" });
                }
            }

            var metrics = Enumerable.Range(0, 12).Select(m => new MetricRecord { Name = $"window_metric_{m}", Value = m, Timestamp = start.AddMinutes(1), WindowStart = start }).ToArray();
            var drift = minute % 5 == 0 ? new[] { DriftCheck(start, random) } : [];
            await store.WriteAsync(new MonitoringBatch(model, predictions, labels.ToArray(), metrics, driftChecks: drift), CancellationToken.None);
            if (minute % 5 == 0)
            {
                var performance = new RealizedPerformance
                {
                    WindowStart = start,
                    WindowEnd = start.AddMinutes(5),
                    LabelCount = 150,
                    ComputedAt = start.AddMinutes(10),
                    Metrics = Enumerable.Range(0, 5).ToDictionary(m => $"realized.m{m}", m => random.NextDouble()),
                };
                await store.SaveRealizedPerformanceAsync("bench", start, [performance], CancellationToken.None);
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

    private static DriftCheckRecord DriftCheck(DateTimeOffset start, Random random) => new()
    {
        Model = "bench",
        Timestamp = start.AddMinutes(5),
        WindowStart = start,
        WindowEnd = start.AddMinutes(5),
        RowCount = 350,
        ReferenceRowCount = 10_000,
        Detector = "DatasetDriftDetector",
        DriftedShare = 0,
        Score = 0.1,
        Recommendation = DriftSeverity.None,
        Features = Enumerable.Range(0, 10).Select(f => new FeatureDriftResult($"f{f}", FeatureKind.Numeric, DriftMethods.Wasserstein, random.NextDouble() * 0.2, null, 0.1, false, random.NextDouble())).ToArray(),
    };
}
