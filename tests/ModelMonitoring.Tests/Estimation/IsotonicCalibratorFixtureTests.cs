using System.Text.Json;
using ModelMonitoring.Estimation;

namespace ModelMonitoring.Tests.Estimation;

/// <summary>
/// The isotonic calibrator and the ROC formula against scikit-learn: tests/fixtures/cbpe/sklearn.json is written by
/// tests/fixtures/generate_cbpe_fixtures.py (Debian's python3-sklearn), to 1e-9 relative.
/// </summary>
public class IsotonicCalibratorFixtureTests
{
    private const double Tolerance = 1e-9;

    private static readonly Lazy<JsonElement> Fixture = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "cbpe", "sklearn.json"))).RootElement);

    public static TheoryData<string> IsotonicCases() => [.. Fixture.Value.GetProperty("isotonic").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    public static TheoryData<string> AucCases() => [.. Fixture.Value.GetProperty("roc_auc").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    [Fact]
    public void Fixture_IsWrittenByTheCommittedScript() =>
        Fixture.Value.GetProperty("generator").GetString().ShouldBe("tests/fixtures/generate_cbpe_fixtures.py");

    [Theory]
    [MemberData(nameof(IsotonicCases))]
    public void Fit_MatchesScikitLearnIsotonicRegressionWithClip(string name)
    {
        var fixture = Case("isotonic", name);

        var calibrator = IsotonicCalibrator.Fit(Doubles(fixture, "scores"), Doubles(fixture, "outcomes"));

        AllClose(calibrator.Thresholds, Doubles(fixture, "thresholds"));
        AllClose(calibrator.Values, Doubles(fixture, "values"));
        AllClose([.. Doubles(fixture, "queries").Select(calibrator.Predict)], Doubles(fixture, "predictions"));
    }

    [Theory]
    [MemberData(nameof(AucCases))]
    public void AreaUnderRoc_WithOutcomesAsProbabilities_MatchesRocAucScore(string name)
    {
        var fixture = Case("roc_auc", name);

        var auc = CbpeMath.AreaUnderRoc(Doubles(fixture, "scores"), Doubles(fixture, "outcomes"));

        auc.ShouldBe(fixture.GetProperty("roc_auc").GetDouble(), Tolerance * fixture.GetProperty("roc_auc").GetDouble());
    }

    [Fact]
    public void AreaUnderRoc_WithOneOutcomeOnly_IsNaN() =>
        double.IsNaN(CbpeMath.AreaUnderRoc(new double[] { 0.1, 0.5, 0.9 }, new double[] { 1, 1, 1 })).ShouldBeTrue();

    private static JsonElement Case(string kind, string name) =>
        Fixture.Value.GetProperty(kind).EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static double[] Doubles(JsonElement fixture, string property) => [.. fixture.GetProperty(property).EnumerateArray().Select(v => v.GetDouble())];

    private static void AllClose(IReadOnlyList<double> actual, IReadOnlyList<double> expected)
    {
        actual.Count.ShouldBe(expected.Count);
        for (var i = 0; i < actual.Count; i++)
        {
            actual[i].ShouldBe(expected[i], Tolerance * Math.Max(1, Math.Abs(expected[i])), $"index {i}");
        }
    }
}
