// Results, machines and every run: docs/benchmarks.md, "Multivariate drift".

using BenchmarkDotNet.Attributes;
using ModelMonitoring.Drift;

namespace ModelMonitoring.Benchmarks;

/// <summary>
/// PCA-based multivariate drift at a training-set size: fitting on 100,000 rows × 10 features
/// (standardise, correlation matrix, eigendecomposition, reference projections sorted, chunk
/// errors) and checking 10,000 current rows (projection, reconstruction error, one KS test per
/// kept component against the prepared reference). Compare with benchmarks/scipy_timings.py.
/// </summary>
[MemoryDiagnoser]
public class MultivariateDriftBenchmarks
{
    private const int Features = 10;

    private Dictionary<string, double[]> _reference = [];
    private Dictionary<string, double[]> _current = [];
    private MultivariateDriftDetector _detector = null!;

    /// <summary>
    /// Ten features driven by four latent normals (so a few components carry most of the variance,
    /// as in real tables), plus independent noise; the current data is shifted by 0.05 σ.
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20240611);
        _reference = Table(random, 100_000, 0.0);
        _current = Table(random, 10_000, 0.05);
        _detector = MultivariateDriftDetector.Fit(_reference);
    }

    /// <summary>Fits on 100,000 × 10.</summary>
    [Benchmark]
    public int Fit100K() => MultivariateDriftDetector.Fit(_reference).ComponentCount;

    /// <summary>Checks 10,000 × 10 against the fitted detector.</summary>
    [Benchmark]
    public double Detect10K() => _detector.Detect(_current).ReconstructionError;

    private static Dictionary<string, double[]> Table(Random random, int rows, double shift)
    {
        var columns = new double[Features][];
        for (var j = 0; j < Features; j++)
        {
            columns[j] = new double[rows];
        }

        Span<double> latent = stackalloc double[4];
        for (var i = 0; i < rows; i++)
        {
            for (var k = 0; k < latent.Length; k++)
            {
                latent[k] = Normal(random);
            }

            for (var j = 0; j < Features; j++)
            {
                columns[j][i] = shift + latent[j % 4] + (0.5 * latent[(j + 1) % 4]) + (0.6 * Normal(random));
            }
        }

        return columns.Select((c, j) => (c, j)).ToDictionary(x => $"f{x.j}", x => x.c);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
}
