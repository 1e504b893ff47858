using System.Text.Json;
using ModelMonitoring.Statistics;

namespace ModelMonitoring.Tests.Statistics;

public sealed class NumericFixtureTests
{
    private const string File = "numeric.json";

    private static readonly Dictionary<string, Func<double[], double[], TwoSampleResult>> Methods = new()
    {
        ["kolmogorov_smirnov"] = (r, c) => TwoSampleTests.KolmogorovSmirnov(r, c),
        ["mann_whitney_u"] = (r, c) => TwoSampleTests.MannWhitneyU(r, c),
        ["anderson_darling"] = (r, c) => TwoSampleTests.AndersonDarling(r, c),
        ["cramer_von_mises"] = (r, c) => TwoSampleTests.CramerVonMises(r, c),
        ["welch_t"] = (r, c) => ParametricTests.WelchTTest(r, c),
        ["student_t"] = (r, c) => ParametricTests.StudentTTest(r, c),
        ["energy"] = (r, c) => DistributionDistances.EnergyDistance(r, c),
        ["wasserstein"] = (r, c) => DistributionDistances.Wasserstein(r, c),
        ["normed_wasserstein"] = (r, c) => DistributionDistances.NormedWasserstein(r, c),
        ["psi"] = (r, c) => BinnedDistances.PopulationStabilityIndex(Histogram.FromReference(r), c),
        ["jensen_shannon"] = (r, c) => BinnedDistances.JensenShannon(Histogram.FromReference(r), c),
        ["kullback_leibler"] = (r, c) => BinnedDistances.KullbackLeibler(Histogram.FromReference(r), c),
        ["hellinger"] = (r, c) => BinnedDistances.Hellinger(Histogram.FromReference(r), c),
    };

    // The same methods through a reference prepared once; results must be identical.
    private static readonly Dictionary<string, Func<SortedSample, double[], TwoSampleResult>> SortedMethods = new()
    {
        ["kolmogorov_smirnov"] = (r, c) => TwoSampleTests.KolmogorovSmirnov(r, c),
        ["mann_whitney_u"] = (r, c) => TwoSampleTests.MannWhitneyU(r, c),
        ["anderson_darling"] = (r, c) => TwoSampleTests.AndersonDarling(r, SortedSample.Create(c)),
        ["cramer_von_mises"] = (r, c) => TwoSampleTests.CramerVonMises(r, c),
        ["welch_t"] = (r, c) => ParametricTests.WelchTTest(r, c),
        ["student_t"] = (r, c) => ParametricTests.StudentTTest(r, SortedSample.Create(c)),
        ["energy"] = (r, c) => DistributionDistances.EnergyDistance(r, c),
        ["wasserstein"] = (r, c) => DistributionDistances.Wasserstein(r, SortedSample.Create(c)),
        ["normed_wasserstein"] = (r, c) => DistributionDistances.NormedWasserstein(r, c),
    };

    public static TheoryData<string, string> Cases() => CasesFor(Methods.Keys);

    public static TheoryData<string, string> SortedCases() => CasesFor(SortedMethods.Keys);

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in FixtureSamples.Load(File).GetProperty("cases").EnumerateArray())
        {
            data.Add(c.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Method_SciPyFixture_MatchesWithinOnePpm(string caseName, string method)
    {
        var (reference, current, expected) = Load(caseName, method);

        if (expected.TryGetProperty("throws", out _))
        {
            Should.Throw<ArgumentException>(() => Methods[method](reference, current));
            return;
        }

        var result = Methods[method](reference, current);

        result.Statistic.ShouldMatch(FixtureSamples.Number(expected.GetProperty("statistic")), $"{caseName}/{method} statistic");
        var pvalue = expected.GetProperty("pvalue");
        if (pvalue.ValueKind == JsonValueKind.Null)
        {
            result.PValue.ShouldBeNull();
        }
        else
        {
            result.PValue.ShouldNotBeNull();
            result.PValue.Value.ShouldMatch(FixtureSamples.Number(pvalue), $"{caseName}/{method} p-value");
        }
    }

    [Theory]
    [MemberData(nameof(SortedCases))]
    public void Method_SortedReference_GivesSameResultAsSpans(string caseName, string method)
    {
        var (reference, current, expected) = Load(caseName, method);
        if (expected.TryGetProperty("throws", out _))
        {
            Should.Throw<ArgumentException>(() => SortedMethods[method](SortedSample.Create(reference), current));
            return;
        }

        var fromSpans = Methods[method](reference, current);
        var fromSorted = SortedMethods[method](SortedSample.Create(reference), current);

        fromSorted.Method.ShouldBe(fromSpans.Method);
        fromSorted.Statistic.ShouldMatch(fromSpans.Statistic, $"{caseName}/{method} statistic");
        (fromSorted.PValue ?? 0).ShouldMatch(fromSpans.PValue ?? 0, $"{caseName}/{method} p-value");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Histogram_SciPyFixture_HasDocumentedBinCount(string caseName)
    {
        var (reference, _, _) = Load(caseName, "psi");
        var expected = FixtureSamples.Case(File, caseName).GetProperty("expected").GetProperty("bin_count").GetInt32();

        Histogram.FromReference(reference).BinCount.ShouldBe(expected);
    }

    private static TheoryData<string, string> CasesFor(IEnumerable<string> methods)
    {
        var data = new TheoryData<string, string>();
        foreach (var c in FixtureSamples.Load(File).GetProperty("cases").EnumerateArray())
        {
            foreach (var method in methods)
            {
                data.Add(c.GetProperty("name").GetString()!, method);
            }
        }

        return data;
    }

    private static (double[] Reference, double[] Current, JsonElement Expected) Load(string caseName, string method)
    {
        var c = FixtureSamples.Case(File, caseName);
        return (
            FixtureSamples.Generate(c.GetProperty("reference")),
            FixtureSamples.Generate(c.GetProperty("current")),
            c.GetProperty("expected").GetProperty(method));
    }
}
