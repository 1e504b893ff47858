using ModelMonitoring.Statistics;

namespace ModelMonitoring.Tests.Statistics;

public sealed class KolmogorovDistributionTests
{
    public static TheoryData<int, double> Points()
    {
        var data = new TheoryData<int, double>();
        foreach (var p in FixtureSamples.Load("kolmogorov.json").GetProperty("points").EnumerateArray())
        {
            data.Add(p.GetProperty("n").GetInt32(), p.GetProperty("x").GetDouble());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void Survival_KstwoFixture_MatchesSciPy(int n, double x)
    {
        var expected = Find(n, x).GetProperty("sf");

        KolmogorovDistribution.Survival(n, x).ShouldMatch(FixtureSamples.Number(expected), $"kstwo.sf({x}, {n})");
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void SmirnovSurvival_SmirnovFixture_MatchesSciPy(int n, double x)
    {
        var expected = Find(n, x).GetProperty("smirnov");

        SmirnovDistribution.Survival(n, x).ShouldMatch(FixtureSamples.Number(expected), $"smirnov({n}, {x})");
    }

    private static System.Text.Json.JsonElement Find(int n, double x) =>
        FixtureSamples.Load("kolmogorov.json").GetProperty("points").EnumerateArray()
            .Single(p => p.GetProperty("n").GetInt32() == n && p.GetProperty("x").GetDouble() == x);
}
