// Results, machines and every run: docs/benchmarks.md, "Statistics".

using BenchmarkDotNet.Attributes;
using ModelMonitoring.Statistics;

namespace ModelMonitoring.Benchmarks;

/// <summary>
/// Two-sample statistics at drift-check sizes. "Prepared" variants take a reference
/// <see cref="SortedSample"/> or <see cref="Histogram"/> built once, as a monitor would; the
/// others sort both raw samples on every call. Compare with benchmarks/scipy_timings.py.
/// </summary>
[MemoryDiagnoser]
public class StatisticsBenchmarks
{
    private const int Small = 10_000;
    private const int Large = 1_000_000;

    private double[] _reference10K = [];
    private double[] _current10K = [];
    private double[] _reference1M = [];
    private double[] _current1M = [];
    private SortedSample _sortedReference10K = null!;
    private SortedSample _sortedReference1M = null!;
    private Histogram _histogram1M = null!;

    /// <summary>Draws normal samples, the current one shifted by 0.01 standard deviations.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20240611);
        _reference10K = Normal(random, Small, 0.0);
        _current10K = Normal(random, Small, 0.01);
        _reference1M = Normal(random, Large, 0.0);
        _current1M = Normal(random, Large, 0.01);
        _sortedReference10K = SortedSample.Create(_reference10K);
        _sortedReference1M = SortedSample.Create(_reference1M);
        _histogram1M = Histogram.FromReference(_reference1M);
    }

    /// <summary>KS with the exact p-value, n = m = 10,000, both samples sorted per call.</summary>
    [Benchmark]
    public double KolmogorovSmirnovExact10K() => TwoSampleTests.KolmogorovSmirnov(_reference10K, _current10K).Statistic;

    /// <summary>KS with the exact p-value, n = m = 10,000, prepared reference.</summary>
    [Benchmark]
    public double KolmogorovSmirnovExact10KPrepared() =>
        TwoSampleTests.KolmogorovSmirnov(_sortedReference10K, _current10K).Statistic;

    /// <summary>KS (asymptotic), n = m = 1,000,000, both samples sorted per call.</summary>
    [Benchmark]
    public double KolmogorovSmirnov1M() => TwoSampleTests.KolmogorovSmirnov(_reference1M, _current1M).Statistic;

    /// <summary>KS (asymptotic), n = m = 1,000,000, prepared reference.</summary>
    [Benchmark]
    public double KolmogorovSmirnov1MPrepared() =>
        TwoSampleTests.KolmogorovSmirnov(_sortedReference1M, _current1M).Statistic;

    /// <summary>Mann-Whitney U, n = m = 1,000,000, both samples sorted per call.</summary>
    [Benchmark]
    public double MannWhitney1M() => TwoSampleTests.MannWhitneyU(_reference1M, _current1M).Statistic;

    /// <summary>Mann-Whitney U, n = m = 1,000,000, prepared reference.</summary>
    [Benchmark]
    public double MannWhitney1MPrepared() => TwoSampleTests.MannWhitneyU(_sortedReference1M, _current1M).Statistic;

    /// <summary>PSI of a 1,000,000-value window against prepared reference bins.</summary>
    [Benchmark]
    public double PopulationStabilityIndex1M() =>
        BinnedDistances.PopulationStabilityIndex(_histogram1M, _current1M).Statistic;

    /// <summary>Jensen-Shannon distance of a 1,000,000-value window against prepared reference bins.</summary>
    [Benchmark]
    public double JensenShannon1M() => BinnedDistances.JensenShannon(_histogram1M, _current1M).Statistic;

    private static double[] Normal(Random random, int count, double shift)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            // Box-Muller; 1 − u keeps the logarithm finite.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            values[i] = shift + (Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
        }

        return values;
    }
}
