// Results: see docs/benchmarks.md, "Performance estimation (CBPE)".

using BenchmarkDotNet.Attributes;
using ModelMonitoring.Estimation;

namespace ModelMonitoring.Benchmarks;

/// <summary>
/// Building a CBPE reference of 20,000 labelled predictions from class probabilities, as an application does at start-up:
/// each class's one-vs-rest isotonic fit, and the realized metrics of the reference and of its 200 bootstrap samples of
/// 5,000 rows (each class's ROC curve radix-sorted in every sample) for the sampling error. Linear in the classes.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(TieredUpConfig))]
public class CbpeReferenceBenchmarks
{
    private string[] _classes = [];
    private string[] _predicted = [];
    private IReadOnlyList<double>[] _probabilities = [];
    private string[] _actual = [];

    [Params(3, 10)]
    public int Classes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _classes = [.. Enumerable.Range(0, Classes).Select(c => $"c{c}")];
        var rows = Enumerable.Range(0, 20_000).Select(_ =>
        {
            var e = Enumerable.Range(0, Classes).Select(_ => Math.Exp(3 * random.NextDouble())).ToArray();
            var sum = e.Sum();
            var p = e.Select(v => v / sum).ToArray();
            return (Predicted: Array.IndexOf(p, p.Max()), Probabilities: p, Actual: random.Next(Classes));
        }).ToArray();
        _predicted = [.. rows.Select(r => _classes[r.Predicted])];
        _probabilities = [.. rows.Select(r => (IReadOnlyList<double>)r.Probabilities)];
        _actual = [.. rows.Select(r => _classes[r.Actual])];
    }

    [Benchmark]
    public int FromClassProbabilities() => CbpeReference.Create(_classes, _predicted, _probabilities, _actual).Count;
}
