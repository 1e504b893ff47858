using System.Text.Json;
using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.Sqlite.Tests;

public sealed partial class SqlViewTests
{
    private static readonly string[] Animals = ["cat", "dog", "bird"];

    [Fact]
    public async Task PredictionView_ShowsClassProbabilitiesByClassName_WithEveryDigit_AndNullWithoutAny()
    {
        var path = _directory.File("probabilities.db");
        var classifier = Schema("zoo", classes: Animals);
        await WriteAsync(
            path,
            Batch(classifier, [
                Prediction(At(1), predictedClass: "bird", probabilities: [0.1 + 0.2, 1.0 / 3, 1 - (0.1 + 0.2) - (1.0 / 3)]),
                Prediction(At(2), predictedClass: "dog", probabilities: [0, 1, 0.5]),
                Prediction(At(3), predictedClass: "cat", probabilities: [1, double.Epsilon, -0.0]),
                Prediction(At(4), predictedClass: "cat"),
            ]),
            Batch(Schema("zoo", version: "2.0"), [Prediction(At(5), predictedValue: 2.5)]));

        var rows = Query(path, "SELECT predicted_class, class_probabilities FROM v_predictions ORDER BY ts");

        rows.ShouldBe([
            ["bird", """{"cat":0.30000000000000004,"dog":0.3333333333333333,"bird":0.36666666666666664}"""],
            ["dog", """{"cat":0.0,"dog":1.0,"bird":0.5}"""],
            ["cat", """{"cat":1.0,"dog":4.94065645841247e-324,"bird":-0.0}"""],
            ["cat", null],
            [null, null],
        ]);
        Query(path, "SELECT json_extract(class_probabilities, '$.dog') FROM v_predictions WHERE predicted_class = 'bird'").ShouldBe([[1.0 / 3]]);
    }

    [Fact]
    public async Task PredictionView_ClassProbabilities_ReadBackAsTheStoredDoublesBitForBit()
    {
        // Values from 1 down to 2^-262 (about 1e-79) and subnormals: the view's decoding in SQL and its digits are exact. Between
        // 1e-308 and about 1e-82 SQLite's own conversions of doubles to and from text are not (measured on 3.50), so the last digit
        // may be one off there; the README says so.
        var path = _directory.File("exact.db");
        var random = new Random(20261206);
        string[] classes = ["a", "b", "c", "d", "e", "f", "g", "h"];
        var predictions = Enumerable.Range(0, 40)
            .Select(i => Prediction(At(i), predictedClass: "a", probabilities: [.. Enumerable.Range(0, 8).Select(j => j == 7
                ? double.Epsilon * random.Next(1, 1 << 30)
                : (0.5 + (random.NextDouble() / 2)) * Math.ScaleB(1, -random.Next(0, 262)))]))
            .ToArray();
        await WriteAsync(path, Batch(Schema("exact", classes: classes), predictions));

        var shown = Query(path, "SELECT class_probabilities FROM v_predictions ORDER BY ts")
            .Select(row => JsonSerializer.Deserialize<Dictionary<string, double>>((string)row[0]!)!)
            .ToArray();

        shown.Length.ShouldBe(40);
        for (var i = 0; i < predictions.Length; i++)
        {
            var expected = predictions[i].ClassProbabilities.ToArray();
            classes.Select(c => BitConverter.DoubleToInt64Bits(shown[i][c])).ShouldBe(expected.Select(BitConverter.DoubleToInt64Bits), $"prediction {i}");
        }
    }

    [Fact]
    public async Task PredictionView_ClassNamesThatNeedEscapingOrALongTag_AreKeysAsDeclared()
    {
        var path = _directory.File("names.db");
        var longName = new string('é', 100);
        await WriteAsync(path, Batch(Schema("names", classes: ["say \"hi\"", "back\\slash", longName, ""]), [Prediction(At(1), probabilities: [0.125, 0.25, 0.5, 0.125])]));

        var json = (string)Query(path, "SELECT class_probabilities FROM v_predictions").ShouldHaveSingleItem()[0]!;

        JsonSerializer.Deserialize<Dictionary<string, double>>(json).ShouldBe(new Dictionary<string, double> { ["say \"hi\""] = 0.125, ["back\\slash"] = 0.25, [longName] = 0.5, [""] = 0.125 });
    }
}
