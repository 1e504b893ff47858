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

    public static TheoryData<string> MulticlassCases() => [.. Fixture.Value.GetProperty("multiclass").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

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

    [Theory]
    [MemberData(nameof(MulticlassCases))]
    public void ReferenceFromClassProbabilities_MatchesScikitLearnMetricsAndOneVsRestCalibration(string name)
    {
        var fixture = Case("multiclass", name);
        string[] classes = [.. fixture.GetProperty("classes").EnumerateArray().Select(c => c.GetString()!)];
        string[] Labels(string property) => [.. fixture.GetProperty(property).EnumerateArray().Select(i => classes[i.GetInt32()])];
        IReadOnlyList<double>[] probabilities = [.. fixture.GetProperty("probabilities").EnumerateArray().Select(row => (IReadOnlyList<double>)[.. row.EnumerateArray().Select(v => v.GetDouble())])];

        var reference = CbpeReference.Create(classes, Labels("predicted"), probabilities, Labels("actual"));

        reference.UsesClassProbabilities.ShouldBeTrue();
        reference.Classes.ShouldBe(classes);
        AllClose(
            reference.ReferenceValues,
            [.. new[] { "accuracy", "precision_macro", "recall_macro", "f1_macro", "roc_auc_ovr_macro" }.Select(p => fixture.GetProperty(p).GetDouble())]);
        var calibrators = fixture.GetProperty("calibrators").EnumerateArray().ToArray();
        reference.ProbabilityCalibrators.Length.ShouldBe(classes.Length);
        for (var c = 0; c < classes.Length; c++)
        {
            AllClose(reference.ProbabilityCalibrators[c].Thresholds, Doubles(calibrators[c], "thresholds"));
            AllClose(reference.ProbabilityCalibrators[c].Values, Doubles(calibrators[c], "values"));
        }
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
