using ModelMonitoring.Statistics;

namespace ModelMonitoring.Tests.Statistics;

/// <summary>Histograms and moments over the whole finite double range, where ranges, sums and squares overflow.</summary>
public sealed class FiniteRangeTests
{
    public static TheoryData<double[]> WideReferences() => new()
    {
        new[] { -1e308, 1e308 },
        new[] { 1e308, -1e308, 0.0, 3.5, -2e307, 9e307, 1e308, -1e308 },
        new[] { -double.MaxValue, double.MaxValue },
        new[] { double.MaxValue, -double.MaxValue, 0.0, 1.0, -1.0, double.MaxValue / 3, -double.MaxValue / 7, double.MaxValue },
        Spread(1_000, -double.MaxValue, double.MaxValue),
        Spread(777, -1e308, 1.5e308),
    };

    [Theory]
    [MemberData(nameof(WideReferences))]
    public void HistogramFromReference_RangeOverflowsDouble_BinsEveryValueAsSearchSorted(double[] reference)
    {
        var histogram = Histogram.FromReference(reference);

        var edges = histogram.Edges.ToArray();
        var bins = (int)Math.Ceiling(Math.Log2(reference.Length) + 1);
        (edges.Length - 1).ShouldBeInRange(bins, bins + 1); // ⌈range / width⌉ may round up, as in NumPy.
        edges[0].ShouldBe(reference.Min());
        edges[^1].ShouldBe(reference.Max());
        for (var i = 1; i < edges.Length; i++)
        {
            double.IsFinite(edges[i]).ShouldBeTrue();
            edges[i].ShouldBeGreaterThan(edges[i - 1]);
        }

        histogram.ReferenceCounts.ToArray().ShouldBe(ExpectedCounts(edges, reference));
    }

    [Theory]
    [MemberData(nameof(WideReferences))]
    public void HistogramCount_CurrentBeyondWideReference_CountsEveryValue(double[] reference)
    {
        var histogram = Histogram.FromReference(reference);
        double[] current = [-double.MaxValue, double.MaxValue, 0.0, -1e308, 1e308, 1.7e308, -1.7e308, double.Epsilon];
        var counts = new long[histogram.BinCount];

        histogram.Count(current, counts);

        counts.ShouldBe(ExpectedCounts(histogram.Edges.ToArray(), current));
    }

    [Theory]
    [InlineData(double.MaxValue)]
    [InlineData(-double.MaxValue)]
    [InlineData(1e308)]
    [InlineData(-1e20)]
    [InlineData(9007199254740993.0)]
    public void HistogramFromReference_ConstantBeyondHalfPrecision_HasOneFiniteBinHoldingTheValue(double value)
    {
        var histogram = Histogram.FromReference([value, value, value]);

        histogram.Edges.Length.ShouldBe(2);
        double.IsFinite(histogram.Edges[0]).ShouldBeTrue();
        double.IsFinite(histogram.Edges[1]).ShouldBeTrue();
        histogram.Edges[0].ShouldBeLessThanOrEqualTo(value);
        histogram.Edges[1].ShouldBeGreaterThanOrEqualTo(value);
        histogram.Edges[1].ShouldBeGreaterThan(histogram.Edges[0]);
        histogram.ReferenceCounts.ToArray().ShouldBe([0L, 3L, 0L]);
    }

    [Fact]
    public void PopulationStabilityIndex_ReferenceAtDoubleLimits_IsFinite()
    {
        var histogram = Histogram.FromReference(Spread(500, -double.MaxValue, double.MaxValue));

        var result = BinnedDistances.PopulationStabilityIndex(histogram, Spread(300, -1e308, 1e308));

        double.IsFinite(result.Statistic).ShouldBeTrue();
    }

    [Fact]
    public void SortedSampleCreate_ValuesAtDoubleLimits_HasFiniteMeanAndStandardDeviation()
    {
        var symmetric = SortedSample.Create([-double.MaxValue, double.MaxValue]);
        var top = SortedSample.Create([double.MaxValue, double.MaxValue, double.MaxValue]);

        symmetric.Mean.ShouldBe(0);
        symmetric.PopulationStandardDeviation.ShouldBe(double.MaxValue);
        top.Mean.ShouldBe(double.MaxValue, double.MaxValue * 1e-15);
        double.IsFinite(top.PopulationStandardDeviation).ShouldBeTrue();
    }

    [Fact]
    public void NormedWasserstein_ReferenceAtDoubleLimits_IsDistanceOverStandardDeviation()
    {
        var result = DistributionDistances.NormedWasserstein(SortedSample.Create([-double.MaxValue, double.MaxValue]), [0.0]);

        result.Statistic.ShouldBe(1.0, 1e-15);
    }

    // Evenly spread from low to high without computing high − low, which overflows.
    private static double[] Spread(int count, double low, double high)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            var t = i / (count - 1.0);
            values[i] = ((1 - t) * low) + (t * high);
        }

        return values;
    }

    // np.histogram's rule on the regular edges (searchsorted right, last bin closed), plus the outer bins.
    private static long[] ExpectedCounts(double[] edges, double[] values)
    {
        var counts = new long[edges.Length + 1];
        foreach (var x in values)
        {
            if (x < edges[0])
            {
                counts[0]++;
            }
            else if (x > edges[^1])
            {
                counts[^1]++;
            }
            else
            {
                var bin = Math.Min(Array.FindLastIndex(edges, e => e <= x), edges.Length - 2);
                counts[bin + 1]++;
            }
        }

        return counts;
    }
}
