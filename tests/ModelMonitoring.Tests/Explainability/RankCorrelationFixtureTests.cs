using System.Text.Json;
using ModelMonitoring.Statistics;

namespace ModelMonitoring.Tests.Explainability;

/// <summary>
/// Spearman and Kendall against SciPy: tests/fixtures/importance/rank_correlation.json is written by
/// tests/fixtures/generate_importance_fixtures.py (<c>spearmanr</c>, <c>kendalltau</c> tau-b with ties).
/// </summary>
public sealed class RankCorrelationFixtureTests
{
    private const double Relative = 1e-9;

    private static readonly JsonElement[] Cases = [.. JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "importance", "rank_correlation.json")))
        .RootElement.GetProperty("cases").EnumerateArray()];

    public static TheoryData<string> Names => [.. Cases.Select(c => c.GetProperty("name").GetString()!)];

    [Theory]
    [MemberData(nameof(Names))]
    public void SpearmanAndKendall_EqualSciPy(string name)
    {
        var fixture = Cases.Single(c => c.GetProperty("name").GetString() == name);
        var x = fixture.GetProperty("x").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var y = fixture.GetProperty("y").EnumerateArray().Select(v => v.GetDouble()).ToArray();

        var (rho, p) = RankCorrelation.SpearmanWithP(x, y);
        var tau = RankCorrelation.Kendall(x, y);

        ShouldMatch(rho, fixture.GetProperty("spearman"), "spearman");
        ShouldMatch(tau, fixture.GetProperty("kendall"), "kendall");
        ShouldMatch(p, fixture.GetProperty("spearman_p"), "spearman p", relative: 1e-6);
    }

    [Fact]
    public void ConstantRanking_IsNaN()
    {
        double.IsNaN(RankCorrelation.Spearman([1, 1, 1], [1, 2, 3])).ShouldBeTrue();
        double.IsNaN(RankCorrelation.Kendall([1, 2, 3], [4, 4, 4])).ShouldBeTrue();
    }

    [Fact]
    public void AverageRanks_TiesShareTheMeanRank() =>
        RankCorrelation.AverageRanks([10, 20, 10, 30, 20, 20]).ShouldBe([1.5, 4, 1.5, 6, 4, 4]);

    private static void ShouldMatch(double actual, JsonElement expected, string what, double relative = Relative)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            double.IsNaN(actual).ShouldBeTrue($"{what}: expected NaN, got {actual:R}");
            return;
        }

        // SciPy's rho for a perfect (reversed) ranking is 1 - 2^-52 or so, which gives a p-value of 1e-24 instead of 0.
        var value = expected.GetDouble();
        if (Math.Abs(actual - value) <= 1e-15)
        {
            return;
        }

        var error = value == 0 ? Math.Abs(actual) : Math.Abs(actual - value) / Math.Abs(value);
        (error <= (value == 0 ? 1e-12 : relative)).ShouldBeTrue($"{what}: expected {value:R}, got {actual:R}");
    }
}
