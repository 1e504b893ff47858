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
/// bands and the five alert observations. From class probabilities (3 and 10 classes): each class's 10,000 probabilities
/// radix-sorted and calibrated in one walk, each prediction's calibrated probabilities normalized, the expected per-class
/// counts and each class's expected one-vs-rest ROC curve. The reference (20,000 rows) is fitted once in the setup, as at
/// start-up.
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
    private PerformanceEstimationWatch _threeClasses = null!;
    private WindowState _threeClassesWindow = null!;
    private PerformanceEstimationWatch _tenClasses = null!;
    private WindowState _tenClassesWindow = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        (_binary, _binaryWindow) = Build(random, 2);
        (_multiclass, _multiclassWindow) = Build(random, 4);
        (_threeClasses, _threeClassesWindow) = BuildFromProbabilities(random, 3);
        (_tenClasses, _tenClassesWindow) = BuildFromProbabilities(random, 10);
    }

    [Benchmark]
    public int Binary() => Close(_binary, _binaryWindow);

    [Benchmark]
    public int Multiclass() => Close(_multiclass, _multiclassWindow);

    [Benchmark]
    public int ThreeClassProbabilities() => Close(_threeClasses, _threeClassesWindow);

    [Benchmark]
    public int TenClassProbabilities() => Close(_tenClasses, _tenClassesWindow);

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

    /// <summary>An over-confident classifier: class scores z ~ N(0, 1), the true class drawn from softmax(z), the model reporting softmax(1.5 z).</summary>
    private static (PerformanceEstimationWatch, WindowState) BuildFromProbabilities(Random random, int classes)
    {
        var names = Enumerable.Range(0, classes).Select(c => $"c{c}").ToArray();
        (int Predicted, double[] Probabilities, int Actual) Draw()
        {
            var z = Enumerable.Range(0, classes).Select(_ => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())).ToArray();
            var truth = Softmax(z, 1);
            var model = Softmax(z, 1.5);
            var u = random.NextDouble();
            var actual = classes - 1;
            for (var (c, cumulative) = (0, 0.0); c < classes; c++)
            {
                cumulative += truth[c];
                if (u < cumulative)
                {
                    actual = c;
                    break;
                }
            }

            return (Array.IndexOf(model, model.Max()), model, actual);
        }

        var rows = Enumerable.Range(0, 20_000).Select(_ => Draw()).ToArray();
        var reference = CbpeReference.Create(names, [.. rows.Select(r => names[r.Predicted])], [.. rows.Select(r => (IReadOnlyList<double>)r.Probabilities)], [.. rows.Select(r => names[r.Actual])]);
        var schema = new ModelSchema("bench", "1", "bench", [], []) { Classes = names };
        var watch = new PerformanceEstimationWatch(schema, new PerformanceEstimationOptions { Reference = reference });
        var window = new WindowState();
        for (var i = 0; i < Predictions; i++)
        {
            var (predicted, probabilities, _) = Draw();
            watch.Observe(window, names[predicted], probabilities[predicted], probabilities);
        }

        return (watch, window);

        static double[] Softmax(double[] z, double temperature)
        {
            var max = z.Max();
            var e = z.Select(v => Math.Exp(temperature * (v - max))).ToArray();
            var sum = e.Sum();
            return [.. e.Select(v => v / sum)];
        }
    }
}
