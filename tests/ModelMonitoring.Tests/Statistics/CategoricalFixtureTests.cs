using System.Text.Json;
using ModelMonitoring.Statistics;

namespace ModelMonitoring.Tests.Statistics;

public sealed class CategoricalFixtureTests
{
    private const string File = "categorical.json";

    private static readonly Dictionary<string, Func<long[], long[], TwoSampleResult>> Methods = new()
    {
        ["chi_square"] = (r, c) => CategoricalTests.ChiSquare(r, c),
        ["psi"] = (r, c) => BinnedDistances.PopulationStabilityIndex(r, c),
        ["jensen_shannon"] = (r, c) => BinnedDistances.JensenShannon(r, c),
        ["kullback_leibler"] = (r, c) => BinnedDistances.KullbackLeibler(r, c),
        ["hellinger"] = (r, c) => BinnedDistances.Hellinger(r, c),
    };

    public static TheoryData<string, string> LabelCases() => Names("cases");

    public static TheoryData<string, string> CountCases() => Names("counts");

    [Theory]
    [MemberData(nameof(LabelCases))]
    public void Method_LabelFixture_MatchesSciPy(string caseName, string method)
    {
        var c = Find("cases", caseName);
        var reference = c.GetProperty("reference").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var current = c.GetProperty("current").EnumerateArray().Select(e => e.GetString()!).ToArray();

        var aligned = CategoricalCounts.Align(reference, current);
        var result = method == "chi_square"
            ? CategoricalTests.ChiSquare(aligned)
            : Methods[method](aligned.Reference.ToArray(), aligned.Current.ToArray());

        Check(result, c.GetProperty("expected").GetProperty(method), $"{caseName}/{method}");
    }

    [Theory]
    [MemberData(nameof(CountCases))]
    public void Method_CountFixture_MatchesSciPy(string caseName, string method)
    {
        var c = Find("counts", caseName);
        var reference = c.GetProperty("reference").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var current = c.GetProperty("current").EnumerateArray().Select(e => e.GetInt64()).ToArray();

        Check(Methods[method](reference, current), c.GetProperty("expected").GetProperty(method), $"{caseName}/{method}");
    }

    [Fact]
    public void Align_CategoryOnlyInOneSample_GetsZeroInTheOther()
    {
        var aligned = CategoricalCounts.Align(["a", "a", "b"], ["b", "c"]);

        aligned.Categories.ShouldBe(["a", "b", "c"]);
        aligned.Reference.ToArray().ShouldBe([2L, 1L, 0L]);
        aligned.Current.ToArray().ShouldBe([0L, 1L, 1L]);
    }

    [Fact]
    public void Align_EmptySample_ThrowsNamingIt()
    {
        Should.Throw<ArgumentException>(() => CategoricalCounts.Align(["a"], Array.Empty<string>()))
            .ParamName.ShouldBe("current");
    }

    private static void Check(TwoSampleResult result, JsonElement expected, string what)
    {
        result.Statistic.ShouldMatch(FixtureSamples.Number(expected.GetProperty("statistic")), $"{what} statistic");
        var pvalue = expected.GetProperty("pvalue");
        if (pvalue.ValueKind == JsonValueKind.Null)
        {
            result.PValue.ShouldBeNull();
        }
        else
        {
            result.PValue!.Value.ShouldMatch(FixtureSamples.Number(pvalue), $"{what} p-value");
        }
    }

    private static JsonElement Find(string section, string name) =>
        FixtureSamples.Load(File).GetProperty(section).EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static TheoryData<string, string> Names(string section)
    {
        var data = new TheoryData<string, string>();
        foreach (var c in FixtureSamples.Load(File).GetProperty(section).EnumerateArray())
        {
            foreach (var method in Methods.Keys)
            {
                data.Add(c.GetProperty("name").GetString()!, method);
            }
        }

        return data;
    }
}
