using System.Text.Json;
using ModelMonitoring.ConceptDrift;
using ModelMonitoring.Statistics;

namespace ModelMonitoring.Tests.ConceptDrift;

/// <summary>
/// Welch's one-sided t-test and the degradation against SciPy: tests/fixtures/concept/welch.json is written by
/// tests/fixtures/generate_concept_fixtures.py (Debian's python3-scipy), to 1e-9 relative on t, df and p.
/// </summary>
public class ConceptDriftFixtureTests
{
    private const double Tolerance = 1e-9;

    private static readonly Lazy<JsonElement> Fixture = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "concept", "welch.json"))).RootElement);

    public static TheoryData<string> Cases() => [.. Fixture.Value.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_MatchesSciPyOneSidedWelch(string name)
    {
        var fixture = Case(name);
        var higherIsBetter = fixture.GetProperty("higher_is_better").GetBoolean();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var check = ConceptDriftTest.Run(
            "m",
            "realized.accuracy",
            higherIsBetter,
            new ConceptDriftTest.Period(start, start.AddHours(1), Doubles(fixture.GetProperty("reference"))),
            new ConceptDriftTest.Period(start.AddHours(1), start.AddHours(2), Doubles(fixture.GetProperty("current"))),
            new ConceptDriftOptions(),
            start.AddHours(2));

        Close(check.TStatistic, fixture.GetProperty("t").GetDouble());
        Close(check.DegreesOfFreedom, fixture.GetProperty("df").GetDouble());
        Close(check.PValue, fixture.GetProperty("p").GetDouble());
        Close(check.ReferenceMean, fixture.GetProperty("reference_mean").GetDouble());
        Close(check.CurrentMean, fixture.GetProperty("current_mean").GetDouble());
        Close(check.DegradationPercent, fixture.GetProperty("degradation_percent").GetDouble());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TwiceTheSmallerOneSidedTail_IsSciPysTwoSidedP(string name)
    {
        var fixture = Case(name);
        var reference = Doubles(fixture.GetProperty("reference"));
        var current = Doubles(fixture.GetProperty("current"));

        var twoSided = ParametricTests.WelchTTest(reference, current);

        var df = fixture.GetProperty("df").GetDouble();

        Close(twoSided.PValue!.Value, fixture.GetProperty("p_two_sided").GetDouble());
        Close(2 * Math.Min(TTest.GreaterP(twoSided.Statistic, df), TTest.GreaterP(-twoSided.Statistic, df)), fixture.GetProperty("p_two_sided").GetDouble());
    }

    private static JsonElement Case(string name) =>
        Fixture.Value.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetDouble())];

    private static void Close(double actual, double expected) =>
        Math.Abs(actual - expected).ShouldBeLessThanOrEqualTo(Tolerance * Math.Max(Math.Abs(expected), double.Epsilon), $"expected {expected:R}, got {actual:R}");
}
