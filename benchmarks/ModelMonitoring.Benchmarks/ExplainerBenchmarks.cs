// Results, machine and load: docs/benchmarks.md, "Built-in explainers".
// Short job, Intel machine under load average 13-18 (2026-12-05): KernelShapExact 1.25 ms 0 B, KernelShapSampled
// 3.01 ms 0 B, Lime 4.06 ms 163 B, PermutationImportance1000Rows 1.22 ms 93.8 KB.

using BenchmarkDotNet.Attributes;
using ModelMonitoring.Explainability;

namespace ModelMonitoring.Benchmarks;

/// <summary>
/// One explanation of a 10-feature linear model (a cheap model, so the figures are the explainers' own cost):
/// Kernel SHAP exact against a 100-row background (1,024 coalitions x 100 rows = 102,400 model rows in batches of
/// 4,000), Kernel SHAP sampled (2,048 coalitions, forced by MaxExactFeatures 0), LIME with its default 5,000 samples,
/// and permutation importance on 1,000 labelled rows with 5 repeats.
/// </summary>
[MemoryDiagnoser]
public class ExplainerBenchmarks
{
    private const int Features = 10;
    private readonly double[] _attributions = new double[Features];
    private double[] _instance = null!;
    private double[] _rows = null!;
    private double[] _labels = null!;
    private BatchPredictor _model = null!;
    private KernelShapExplainer _exact = null!;
    private KernelShapExplainer _sampled = null!;
    private LimeExplainer _lime = null!;

    /// <summary>Draws the data and creates the explainers.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261205);
        var weights = Enumerable.Range(0, Features).Select(j => j - 4.5).ToArray();
        _model = (rows, outputs) =>
        {
            for (var r = 0; r < outputs.Length; r++)
            {
                var row = rows.Slice(r * Features, Features);
                var sum = 0.0;
                for (var j = 0; j < Features; j++)
                {
                    sum += weights[j] * row[j];
                }

                outputs[r] = sum;
            }
        };
        _rows = [.. Enumerable.Range(0, 1_000 * Features).Select(_ => random.NextDouble())];
        _labels = new double[1_000];
        _model(_rows, _labels);
        _instance = _rows[..Features];
        var background = _rows.AsSpan(0, 100 * Features);
        _exact = new KernelShapExplainer(_model, background, Features);
        _sampled = new KernelShapExplainer(_model, background, Features, new KernelShapOptions { MaxExactFeatures = 0 });
        _lime = new LimeExplainer(_model, _rows, Features);
    }

    /// <summary>Kernel SHAP, exact, into a reused buffer.</summary>
    [Benchmark(Baseline = true)]
    public double KernelShapExact() => _exact.Explain(_instance, _attributions);

    /// <summary>Kernel SHAP, 2,048 sampled coalitions, into a reused buffer.</summary>
    [Benchmark]
    public double KernelShapSampled() => _sampled.Explain(_instance, _attributions);

    /// <summary>LIME, 5,000 samples.</summary>
    [Benchmark]
    public double Lime() => _lime.Explain(_instance).Intercept;

    /// <summary>Permutation importance, 1,000 rows, 5 repeats.</summary>
    [Benchmark]
    public double PermutationImportance1000Rows() =>
        PermutationImportance.Compute(_model, _rows, Features, _labels, PermutationScorers.R2, 5, seed: 1).BaselineScore;
}
