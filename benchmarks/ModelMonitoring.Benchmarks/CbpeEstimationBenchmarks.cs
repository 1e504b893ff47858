// Results: see docs/benchmarks.md, "Performance estimation (CBPE)".

using BenchmarkDotNet.Attributes;
using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;
using ModelMonitoring.Estimation;

namespace ModelMonitoring.Benchmarks;

/// <summary>
/// The CBPE estimate of one closed window of 10,000 predictions, as the worker computes it: every prediction's confidence
/// calibrated (isotonic; binary: the 10,000 scores radix-sorted, then one walk over the fitted points; multiclass: a binary
/// search over them each), the expected confusion matrix, the expected ROC curve (binary only, from the sorted scores), the
/// bands and the five alert observations. The reference (20,000 rows) is fitted once in the setup, as at start-up.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(TieredUpConfig))]
public class CbpeEstimationBenchmarks
{
    private const int Predictions = 10_000;
    private static readonly ModelSchema Model = new("bench", "1", "bench", [], []);
    private readonly Dictionary<string, double> _metrics = new(StringComparer.Ordinal);
    private readonly List<Alert> _alerts = [];
    private PerformanceEstimationWatch _binary = null!;
    private PerformanceEstimationWatch _multiclass = null!;
    private WindowState _binaryWindow = null!;
    private WindowState _multiclassWindow = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        (_binary, _binaryWindow) = Build(random, 2);
        (_multiclass, _multiclassWindow) = Build(random, 4);
    }

    [Benchmark]
    public int Binary() => Close(_binary, _binaryWindow);

    [Benchmark]
    public int Multiclass() => Close(_multiclass, _multiclassWindow);

    private int Close(PerformanceEstimationWatch watch, WindowState window)
    {
        _metrics.Clear();
        _alerts.Clear();
        watch.Close(window.Estimation, DateTimeOffset.UnixEpoch, _metrics, _alerts);
        return _metrics.Count;
    }

    private static (PerformanceEstimationWatch, WindowState) Build(Random random, int classes)
    {
        string[] names = ["a", "b", "c", "d"];
        (string, double, string) Draw()
        {
            var k = random.Next(classes);
            var right = 0.3 + (0.7 * random.NextDouble());
            var truth = random.NextDouble() < right ? k : (k + 1 + random.Next(classes - 1)) % classes;
            return (names[k], classes == 2 ? Math.Max(right, 0.5) : right, names[truth]);
        }

        var rows = Enumerable.Range(0, 20_000).Select(_ => Draw()).ToArray();
        var reference = CbpeReference.Create([.. rows.Select(r => r.Item1)], [.. rows.Select(r => r.Item2)], [.. rows.Select(r => r.Item3)]);
        var watch = new PerformanceEstimationWatch(Model, new PerformanceEstimationOptions { Reference = reference });
        var window = new WindowState();
        for (var i = 0; i < Predictions; i++)
        {
            var (predicted, confidence, _) = Draw();
            watch.Observe(window, predicted, confidence, []);
        }

        return (watch, window);
    }
}
