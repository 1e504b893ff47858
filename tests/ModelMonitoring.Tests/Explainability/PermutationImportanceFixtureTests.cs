using System.Text.Json;
using ModelMonitoring.Explainability;

namespace ModelMonitoring.Tests.Explainability;

/// <summary>
/// Permutation importance against scikit-learn: tests/fixtures/explainability/permutation_importance.json is written by
/// tests/fixtures/generate_permutation_fixtures.py (Debian's python3-sklearn) with the row orders scikit-learn used,
/// which these tests replay; to 1e-9 relative.
/// </summary>
public class PermutationImportanceFixtureTests
{
    private const double Tolerance = 1e-9;

    private static readonly Lazy<JsonElement> Fixture = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "explainability", "permutation_importance.json"))).RootElement);

    public static TheoryData<string> Cases() => [.. Fixture.Value.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute_ReplayingScikitLearnPermutations_MatchesScikitLearn(string name)
    {
        var fixture = Fixture.Value.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var coef = Doubles(fixture.GetProperty("coef"));
        var intercept = fixture.GetProperty("intercept").GetDouble();
        var rows = fixture.GetProperty("rows").EnumerateArray().SelectMany(Doubles).ToArray();
        var labels = Doubles(fixture.GetProperty("labels"));
        var repeats = fixture.GetProperty("repeats").GetInt32();
        var orders = fixture.GetProperty("orders").EnumerateArray()
            .Select(f => f.EnumerateArray().Select(r => r.EnumerateArray().Select(i => i.GetInt32()).ToArray()).ToArray()).ToArray();
        var model = fixture.GetProperty("kind").GetString() == "classification" ? Classifier(coef, intercept) : ExplainerTestModels.Linear(coef, intercept);
        var scorer = fixture.GetProperty("scorer").GetString() switch
        {
            "r2" => PermutationScorers.R2,
            "accuracy" => PermutationScorers.Accuracy,
            "neg_mean_squared_error" => PermutationScorers.NegativeMeanSquaredError,
            var other => throw new InvalidOperationException(other),
        };

        var result = PermutationImportance.Compute(model, rows, coef.Length, labels, scorer, repeats, new ReplayedPermutations(orders));

        var expected = fixture.GetProperty("expected");
        Close(result.BaselineScore, expected.GetProperty("baseline").GetDouble());
        var importances = expected.GetProperty("importances").EnumerateArray().Select(Doubles).ToArray();
        var means = Doubles(expected.GetProperty("importances_mean"));
        var stds = Doubles(expected.GetProperty("importances_std"));
        for (var j = 0; j < coef.Length; j++)
        {
            var actual = result.GetImportances(j).ToArray();
            for (var r = 0; r < repeats; r++)
            {
                Close(actual[r], importances[j][r]);
            }

            Close(result.ImportancesMean[j], means[j]);
            Close(result.ImportancesStd[j], stds[j]);
        }
    }

    /// <summary>LogisticRegression.predict with two classes 0 and 1: class 1 when the decision function is positive.</summary>
    private static BatchPredictor Classifier(double[] coef, double intercept)
    {
        var linear = ExplainerTestModels.Linear(coef, intercept);
        return (rows, outputs) =>
        {
            linear(rows, outputs);
            for (var i = 0; i < outputs.Length; i++)
            {
                outputs[i] = outputs[i] > 0 ? 1.0 : 0.0;
            }
        };
    }

    private static void Close(double actual, double expected) =>
        Math.Abs(actual - expected).ShouldBeLessThanOrEqualTo(Tolerance * Math.Max(1.0, Math.Abs(expected)));

    private static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetDouble())];

    private sealed class ReplayedPermutations(int[][][] orders) : IPermutationSource
    {
        public void GetOrder(int feature, int repeat, Span<int> order) => orders[feature][repeat].CopyTo(order);
    }
}
