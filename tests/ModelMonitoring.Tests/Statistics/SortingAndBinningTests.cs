using ModelMonitoring.Statistics;

namespace ModelMonitoring.Tests.Statistics;

public sealed class SortingAndBinningTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(5_000)]
    [InlineData(100_000)]
    public void SortedSampleCreate_MixedValues_MatchesArraySort(int size)
    {
        var rng = new FixtureSamples.Lcg(99);
        var values = new double[size];
        for (var i = 0; i < size; i++)
        {
            var u = rng.Uniform();
            values[i] = (i % 7) switch
            {
                0 => -0.0,
                1 => 0.0,
                2 => Math.Floor(u * 5) - 2,
                3 => double.Epsilon * (u - 0.5),
                4 => (u - 0.5) * 1e300,
                _ => (u - 0.5) * 10,
            };
        }

        var expected = (double[])values.Clone();
        Array.Sort(expected);

        var sorted = SortedSample.Create(values).Values.ToArray();

        for (var i = 0; i < size; i++)
        {
            (sorted[i] == expected[i]).ShouldBeTrue($"index {i}: {sorted[i]:R} vs {expected[i]:R}");
        }
    }

    [Fact]
    public void SortedSampleCreate_Values_ComputesMeanAndUnbiasedVariance()
    {
        var sample = SortedSample.Create([4.0, 1, 3, 2]);

        sample.Count.ShouldBe(4);
        sample.Mean.ShouldBe(2.5);
        sample.Variance.ShouldBe(5.0 / 3, 1e-15);
    }

    [Fact]
    public void HistogramFromReference_Values_UsesSturgesEdgesAndOuterBins()
    {
        // n = 8: log2(8) + 1 = 4 bins of width 1.75 over [0, 7].
        var histogram = Histogram.FromReference([0, 1, 2, 3, 4, 5, 6, 7]);

        histogram.Edges.ToArray().ShouldBe([0, 1.75, 3.5, 5.25, 7]);
        histogram.BinCount.ShouldBe(6);
        histogram.ReferenceCounts.ToArray().ShouldBe([0L, 2, 2, 2, 2, 0]);
        histogram.ReferenceTotal.ShouldBe(8);
    }

    [Fact]
    public void HistogramCount_EdgeAndOutOfRangeValues_FollowNumPyRule()
    {
        var histogram = Histogram.FromReference([0, 1, 2, 3, 4, 5, 6, 7]);
        var counts = new long[histogram.BinCount];

        // Left edges belong to their bin, the maximum to the last regular bin, the rest outside.
        histogram.Count([-0.1, 0, 1.75, 3.4999, 3.5, 7, 7.0001, 100], counts);

        counts.ShouldBe([1L, 1, 2, 1, 1, 2]);
    }

    [Fact]
    public void HistogramFromReference_ConstantReference_HasOneRegularBinAroundTheValue()
    {
        var histogram = Histogram.FromReference([3.0, 3.0, 3.0]);

        histogram.Edges.ToArray().ShouldBe([2.5, 3.5]);
        histogram.ReferenceCounts.ToArray().ShouldBe([0L, 3, 0]);
    }

    [Fact]
    public void HistogramCount_WrongLength_Throws()
    {
        var histogram = Histogram.FromReference([1.0, 2.0]);

        Should.Throw<ArgumentException>(() => histogram.Count([1.0], new long[2])).ParamName.ShouldBe("counts");
    }

    [Fact]
    public void PopulationStabilityIndex_CurrentOutsideReferenceRange_IsCountedNotDropped()
    {
        var histogram = Histogram.FromReference([0, 1, 2, 3, 4, 5, 6, 7]);

        var inside = BinnedDistances.PopulationStabilityIndex(histogram, [0, 1, 2, 3, 4, 5, 6, 7]);
        var outside = BinnedDistances.PopulationStabilityIndex(histogram, [20, 21, 22, 23]);

        inside.Statistic.ShouldBe(0.0);
        outside.Statistic.ShouldBeGreaterThan(1.0);
        outside.PValue.ShouldBeNull();
    }
}
