using System.Text.Json;
using ModelMonitoring.PostgreSql.Internal;
using ModelMonitoring.PostgreSql.Tests.Server;
using ModelMonitoring.Storage;
using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.PostgreSql.Tests;

/// <summary>The class probabilities of <c>v_predictions</c>, read as a Grafana data source or <c>psql</c> would read them.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PredictionViewTests(PostgreSqlServer server)
{
    private static readonly string[] Animals = ["cat", "dog", "bird"];

    [Fact]
    public async Task ClassProbabilities_AreAJsonObjectByClassNameWithEveryDigit_AndNullWithoutAny()
    {
        var schema = await WriteAsync(
            Batch(Schema("zoo", classes: Animals), [
                Prediction(At(1), predictedClass: "bird", probabilities: [0.1 + 0.2, 1.0 / 3, 1 - (0.1 + 0.2) - (1.0 / 3)]),
                Prediction(At(2), predictedClass: "dog", probabilities: [0, 1, 0.5]),
                Prediction(At(3), predictedClass: "cat", probabilities: [1, double.Epsilon, -0.0]),
                Prediction(At(4), predictedClass: "cat"),
            ]),
            Batch(Schema("zoo", version: "2.0"), [Prediction(At(5), predictedValue: 2.5)]));

        var shown = await server.ScalarAsync($"SELECT string_agg(coalesce(class_probabilities::text, 'NULL'), '|' ORDER BY time) FROM \"{schema}\".v_predictions;");
        var dog = await server.ScalarAsync($"SELECT (class_probabilities ->> 'dog')::double precision FROM \"{schema}\".v_predictions WHERE predicted_class = 'bird';");

        shown.ShouldBe(
            """{ "cat" : 0.30000000000000004, "dog" : 0.3333333333333333, "bird" : 0.36666666666666664 }|"""
            + """{ "cat" : 0, "dog" : 1, "bird" : 0.5 }|{ "cat" : 1, "dog" : 5e-324, "bird" : -0 }|NULL|NULL""");
        dog.ShouldBe(1.0 / 3);
    }

    [Fact]
    public async Task ClassProbabilities_ReadBackAsTheStoredDoublesBitForBit()
    {
        var random = new Random(20261206);
        string[] classes = ["a", "b", "c", "d", "e", "f", "g", "h"];
        var predictions = Enumerable.Range(0, 40)
            .Select(i => Prediction(At(i), predictedClass: "a", probabilities: [.. Enumerable.Range(0, 8).Select(j => random.NextDouble() * Math.ScaleB(1, -random.Next(0, 1080)))]))
            .ToArray();
        var schema = await WriteAsync(Batch(Schema("exact", classes: classes), predictions));

        var shown = ((string)(await server.ScalarAsync($"SELECT string_agg(class_probabilities::text, '|' ORDER BY time) FROM \"{schema}\".v_predictions;"))!)
            .Split('|')
            .Select(json => JsonSerializer.Deserialize<Dictionary<string, double>>(json)!)
            .ToArray();

        shown.Length.ShouldBe(40);
        for (var i = 0; i < predictions.Length; i++)
        {
            var expected = predictions[i].ClassProbabilities.ToArray();
            classes.Select(c => BitConverter.DoubleToInt64Bits(shown[i][c])).ShouldBe(expected.Select(BitConverter.DoubleToInt64Bits), $"prediction {i}");
        }
    }

    [Fact]
    public async Task ClassNamesThatNeedEscaping_AreKeysAsDeclared()
    {
        var longName = new string('é', 100);
        var schema = await WriteAsync(Batch(Schema("names", classes: ["say \"hi\"", "back\\slash", longName, ""]), [Prediction(At(1), probabilities: [0.125, 0.25, 0.5, 0.125])]));

        var json = (string)(await server.ScalarAsync($"SELECT class_probabilities::text FROM \"{schema}\".v_predictions;"))!;

        JsonSerializer.Deserialize<Dictionary<string, double>>(json).ShouldBe(new Dictionary<string, double> { ["say \"hi\""] = 0.125, ["back\\slash"] = 0.25, [longName] = 0.5, [""] = 0.125 });
    }

    private async Task<string> WriteAsync(params MonitoringBatch[] batches)
    {
        var schema = PostgreSqlServer.NewSchemaName();
        await using var store = new PostgreSqlMonitoringStore(new PostgreSqlStorageOptions { DataSource = server.DataSource, Schema = schema, RawPredictionRetention = null }, clock: null, loggerFactory: null);
        await store.OpenAsync(CancellationToken.None);
        foreach (var batch in batches)
        {
            (await store.WriteAsync(batch, CancellationToken.None)).ShouldBe(SinkWriteResult.AllKept);
        }

        return schema;
    }
}
