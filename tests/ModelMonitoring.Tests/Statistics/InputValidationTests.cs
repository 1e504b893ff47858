using ModelMonitoring.Statistics;

namespace ModelMonitoring.Tests.Statistics;

public sealed class InputValidationTests
{
    private static readonly double[] Valid = [0.1, 0.5, 0.9, 1.3];

    public static TheoryData<string> NumericMethods() =>
    [
        "ks", "mw", "ad", "cvm", "welch", "student", "energy", "wasserstein", "normed", "psi", "js", "kl", "hellinger",
    ];

    [Theory]
    [MemberData(nameof(NumericMethods))]
    public void Method_NaNInReference_ThrowsNamingReference(string method)
    {
        Should.Throw<ArgumentException>(() => Run(method, [0.1, double.NaN, 0.3, 0.4], Valid)).ParamName.ShouldBe("reference");
    }

    [Theory]
    [MemberData(nameof(NumericMethods))]
    public void Method_NaNInCurrent_ThrowsNamingCurrent(string method)
    {
        Should.Throw<ArgumentException>(() => Run(method, Valid, [0.1, 0.2, double.NaN])).ParamName.ShouldBe("current");
    }

    [Theory]
    [MemberData(nameof(NumericMethods))]
    public void Method_InfinityInCurrent_ThrowsNamingCurrent(string method)
    {
        Should.Throw<ArgumentException>(() => Run(method, Valid, [0.1, double.PositiveInfinity, 0.2])).ParamName.ShouldBe("current");
    }

    [Theory]
    [MemberData(nameof(NumericMethods))]
    public void Method_EmptyReference_ThrowsNamingReference(string method)
    {
        Should.Throw<ArgumentException>(() => Run(method, [], Valid)).ParamName.ShouldBe("reference");
    }

    [Theory]
    [MemberData(nameof(NumericMethods))]
    public void Method_EmptyCurrent_ThrowsNamingCurrent(string method)
    {
        Should.Throw<ArgumentException>(() => Run(method, Valid, [])).ParamName.ShouldBe("current");
    }

    [Fact]
    public void KolmogorovSmirnov_NaNInLargeCurrent_ThrowsNamingCurrent()
    {
        // Large inputs take the radix-sort path, which validates while it builds keys.
        var current = Enumerable.Range(0, 10_000).Select(i => i * 0.5).ToArray();
        current[7_777] = double.NaN;

        Should.Throw<ArgumentException>(() => TwoSampleTests.KolmogorovSmirnov(Valid, current)).ParamName.ShouldBe("current");
    }

    [Fact]
    public void SortedSampleCreate_NaN_ThrowsNamingValues()
    {
        Should.Throw<ArgumentException>(() => SortedSample.Create([1.0, double.NaN])).ParamName.ShouldBe("values");
    }

    [Fact]
    public void ChiSquare_DifferentLengths_Throws()
    {
        Should.Throw<ArgumentException>(() => CategoricalTests.ChiSquare([1L, 2L], [1L, 2L, 3L]));
    }

    [Fact]
    public void ChiSquare_NegativeCount_ThrowsNamingReference()
    {
        Should.Throw<ArgumentException>(() => CategoricalTests.ChiSquare([1L, -2L], [1L, 2L])).ParamName.ShouldBe("reference");
    }

    [Fact]
    public void ChiSquare_NoObservations_ThrowsNamingCurrent()
    {
        Should.Throw<ArgumentException>(() => CategoricalTests.ChiSquare([1L, 2L], [0L, 0L])).ParamName.ShouldBe("current");
    }

    [Fact]
    public void CramerVonMises_OneValue_Throws()
    {
        Should.Throw<ArgumentException>(() => TwoSampleTests.CramerVonMises([1.0], Valid)).ParamName.ShouldBe("reference");
    }

    [Fact]
    public void WelchTTest_OneValue_Throws()
    {
        Should.Throw<ArgumentException>(() => ParametricTests.WelchTTest(Valid, [1.0])).ParamName.ShouldBe("current");
    }

    [Fact]
    public void Method_RawSpans_AreNotModified()
    {
        double[] reference = [3, 1, 2];
        double[] current = [9, 7, 8];

        TwoSampleTests.KolmogorovSmirnov(reference, current);
        TwoSampleTests.MannWhitneyU(reference, current);

        reference.ShouldBe([3.0, 1, 2]);
        current.ShouldBe([9.0, 7, 8]);
    }

    private static TwoSampleResult Run(string method, double[] reference, double[] current) => method switch
    {
        "ks" => TwoSampleTests.KolmogorovSmirnov(reference, current),
        "mw" => TwoSampleTests.MannWhitneyU(reference, current),
        "ad" => TwoSampleTests.AndersonDarling(reference, current),
        "cvm" => TwoSampleTests.CramerVonMises(reference, current),
        "welch" => ParametricTests.WelchTTest(reference, current),
        "student" => ParametricTests.StudentTTest(reference, current),
        "energy" => DistributionDistances.EnergyDistance(reference, current),
        "wasserstein" => DistributionDistances.Wasserstein(reference, current),
        "normed" => DistributionDistances.NormedWasserstein(reference, current),
        "psi" => BinnedDistances.PopulationStabilityIndex(Histogram.FromReference(reference), current),
        "js" => BinnedDistances.JensenShannon(Histogram.FromReference(reference), current),
        "kl" => BinnedDistances.KullbackLeibler(Histogram.FromReference(reference), current),
        "hellinger" => BinnedDistances.Hellinger(Histogram.FromReference(reference), current),
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };
}
