using System.Text.Json;
using ModelMonitoring.Performance;

namespace ModelMonitoring.Tests.Performance;

/// <summary>
/// The calculator against scikit-learn: tests/fixtures/performance/sklearn.json is written by
/// tests/fixtures/generate_performance_fixtures.py (Debian's python3-sklearn), to 1e-9 relative.
/// </summary>
public class PerformanceCalculatorFixtureTests
{
    private const double Tolerance = 1e-9;

    private static readonly Lazy<JsonElement> Fixture = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "performance", "sklearn.json"))).RootElement);

    public static TheoryData<string> ClassificationCases() => [.. Fixture.Value.GetProperty("classification").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    public static TheoryData<string> ClassProbabilityCases() => [.. Fixture.Value.GetProperty("class_probabilities").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    public static TheoryData<string> RegressionCases() => [.. Fixture.Value.GetProperty("regression").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    [Theory]
    [MemberData(nameof(ClassificationCases))]
    public void Classify_MatchesScikitLearn(string name)
    {
        var fixture = Case("classification", name);
        var expected = fixture.GetProperty("expected");
        var scores = fixture.GetProperty("scores").ValueKind == JsonValueKind.Null ? [] : Doubles(fixture.GetProperty("scores"));

        var result = PerformanceCalculator.Classify(Strings(fixture.GetProperty("actual")), Strings(fixture.GetProperty("predicted")), scores);

        result.Classes.ShouldBe(Strings(expected.GetProperty("classes")));
        Close(result.Accuracy, expected.GetProperty("accuracy").GetDouble());
        AllClose(result.Precision, Doubles(expected.GetProperty("precision")));
        AllClose(result.Recall, Doubles(expected.GetProperty("recall")));
        AllClose(result.F1, Doubles(expected.GetProperty("f1")));
        result.Support.ShouldBe(expected.GetProperty("support").EnumerateArray().Select(v => v.GetInt64()).ToArray());
        Close(result.PrecisionMacro, expected.GetProperty("precision_macro").GetDouble());
        Close(result.RecallMacro, expected.GetProperty("recall_macro").GetDouble());
        Close(result.F1Macro, expected.GetProperty("f1_macro").GetDouble());
        Close(result.PrecisionWeighted, expected.GetProperty("precision_weighted").GetDouble());
        Close(result.RecallWeighted, expected.GetProperty("recall_weighted").GetDouble());
        Close(result.F1Weighted, expected.GetProperty("f1_weighted").GetDouble());
        var confusion = expected.GetProperty("confusion").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt64()).ToArray()).ToArray();
        for (var row = 0; row < confusion.Length; row++)
        {
            for (var column = 0; column < confusion.Length; column++)
            {
                result.Confusion[row, column].ShouldBe(confusion[row][column], $"confusion[{row}, {column}]");
            }
        }

        Optional(result.RocAuc, expected.GetProperty("roc_auc"));
        Optional(result.LogLoss, expected.GetProperty("log_loss"));
    }

    [Theory]
    [MemberData(nameof(RegressionCases))]
    public void Regress_MatchesScikitLearn(string name)
    {
        var fixture = Case("regression", name);
        var expected = fixture.GetProperty("expected");

        var result = PerformanceCalculator.Regress(Doubles(fixture.GetProperty("actual")), Doubles(fixture.GetProperty("predicted")));

        Close(result.MeanAbsoluteError, expected.GetProperty("mae").GetDouble());
        Close(result.RootMeanSquaredError, expected.GetProperty("rmse").GetDouble());
        Close(result.MeanAbsolutePercentageError, expected.GetProperty("mape").GetDouble());
        Optional(result.R2, expected.GetProperty("r2"));
    }

    [Theory]
    [MemberData(nameof(ClassProbabilityCases))]
    public void FromClassProbabilities_MatchesScikitLearn_InAnyClassOrder(string name)
    {
        var fixture = Case("class_probabilities", name);
        var classes = Strings(fixture.GetProperty("classes"));
        string[] actual = [.. fixture.GetProperty("actual").EnumerateArray().Select(i => classes[i.GetInt32()])];
        double[][] rows = [.. fixture.GetProperty("probabilities").EnumerateArray().Select(Doubles)];

        var (rocAuc, logLoss) = PerformanceCalculator.FromClassProbabilities(actual, classes, [.. rows.Select(r => (ReadOnlyMemory<double>)r)]);

        Close(rocAuc.ShouldNotBeNull(), fixture.GetProperty("roc_auc").GetDouble());
        Close(logLoss, fixture.GetProperty("log_loss").GetDouble());

        // The model may declare its classes in any order; its probabilities follow that order.
        int[] order = [.. Enumerable.Range(0, classes.Length).Reverse()];
        var (reorderedAuc, reorderedLoss) = PerformanceCalculator.FromClassProbabilities(
            actual, [.. order.Select(c => classes[c])], [.. rows.Select(r => (ReadOnlyMemory<double>)order.Select(c => r[c]).ToArray())]);
        Close(reorderedAuc.ShouldNotBeNull(), fixture.GetProperty("roc_auc").GetDouble());
        Close(reorderedLoss, fixture.GetProperty("log_loss").GetDouble());
    }

    [Fact]
    public void FromClassProbabilities_WithAClassTrueOfNoRow_HasNoRocAuc_AsScikitLearnRefuses()
    {
        var (rocAuc, logLoss) = PerformanceCalculator.FromClassProbabilities(["a", "b", "a"], ["a", "b", "c"], [new[] { 0.7, 0.2, 0.1 }, new[] { 0.2, 0.5, 0.3 }, new[] { 0.4, 0.4, 0.2 }]);

        rocAuc.ShouldBeNull();
        logLoss.ShouldBe(-(Math.Log(0.7) + Math.Log(0.5) + Math.Log(0.4)) / 3, 1e-15);
    }

    [Fact]
    public void Fixtures_CoverTiesZeroDivisionMulticlassAndZeroActualValues()
    {
        var names = new[] { "classification", "regression" }
            .SelectMany(kind => Fixture.Value.GetProperty(kind).EnumerateArray().Select(c => c.GetProperty("name").GetString()!)).ToArray();

        names.ShouldContain("binary with tied scores");
        names.ShouldContain("multiclass with a class never predicted and a class never true");
        names.ShouldContain("zero actual value in the percentage error");
        Fixture.Value.GetProperty("generator").GetString().ShouldBe("tests/fixtures/generate_performance_fixtures.py");
    }

    private static JsonElement Case(string kind, string name) =>
        Fixture.Value.GetProperty(kind).EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetString()!)];

    private static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetDouble())];

    private static void Optional(double? actual, JsonElement expected)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            actual.ShouldBeNull();
        }
        else
        {
            Close(actual.ShouldNotBeNull(), expected.GetDouble());
        }
    }

    private static void AllClose(double[] actual, double[] expected)
    {
        actual.Length.ShouldBe(expected.Length);
        for (var i = 0; i < actual.Length; i++)
        {
            Close(actual[i], expected[i]);
        }
    }

    private static void Close(double actual, double expected) =>
        Math.Abs(actual - expected).ShouldBeLessThanOrEqualTo(Tolerance * Math.Max(Math.Abs(expected), 1e-300), $"expected {expected:R}, got {actual:R}");
}
