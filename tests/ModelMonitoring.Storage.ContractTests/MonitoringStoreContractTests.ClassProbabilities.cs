using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.Storage.ContractTests;

public abstract partial class MonitoringStoreContractTests
{
    private static readonly string[] Animals = ["cat", "dog", "bird"];

    [Fact]
    public async Task Predictions_WithClassProbabilities_ReadBackBitForBit()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("probabilities", numeric: ["x"], classes: Animals);
        PredictionRecord[] predictions =
        [
            Prediction(At(1), predictedClass: "bird", numeric: [1], probabilities: [0.1 + 0.2, 1.0 / 3, 1 - (0.1 + 0.2) - (1.0 / 3)]),
            Prediction(At(2), predictedClass: "dog", numeric: [2], probabilities: [0, 1, 0]),
            Prediction(At(3), predictedClass: "cat", numeric: [3], probabilities: [1, double.Epsilon, -0.0]),
        ];

        await WriteAsync(store, Batch(model, predictions));
        var stored = await store.ReadPredictionsAsync("probabilities", All.From, All.To);

        stored.Count.ShouldBe(3);
        for (var i = 0; i < predictions.Length; i++)
        {
            ShouldMatch(stored[i], predictions[i]);
        }

        stored[0].ClassProbabilities.ToArray().ShouldBe([0.30000000000000004, 0.3333333333333333, 0.36666666666666664]);
    }

    [Fact]
    public async Task Predictions_WithoutClassProbabilities_ReadBackEmptyRatherThanZeros()
    {
        await using var store = await CreateStoreAsync();
        var classifier = Prediction(At(1), predictedClass: "cat");
        var regressor = Prediction(At(2), predictedValue: 4.5);

        await WriteAsync(store, Batch(Schema("unscored", classes: Animals), [classifier]), Batch(Schema("unscored", version: "2.0"), [regressor]));
        var stored = await store.ReadPredictionsAsync("unscored", All.From, All.To);

        stored.Count.ShouldBe(2);
        stored.ShouldAllBe(p => p.ClassProbabilities.IsEmpty);
        ShouldMatch(stored[0], classifier);
        ShouldMatch(stored[1], regressor);
    }

    [Fact]
    public async Task Predictions_WithAndWithoutClassProbabilities_InOneBatch_EachReadBackAsWritten()
    {
        // 70 rows: a provider that writes several rows per statement (SQLite: 32) writes full statements and a remainder.
        await using var store = await CreateStoreAsync();
        var model = Schema("mixed", categorical: ["c"], classes: Animals);
        var predictions = Enumerable.Range(0, 70)
            .Select(i => Prediction(At(i), predictedClass: Animals[i % 3], categorical: [$"v{i}"], probabilities: i % 4 == 1 ? null : Spread(i)))
            .ToArray();

        await WriteAsync(store, Batch(model, predictions));
        var stored = await store.ReadPredictionsAsync("mixed", All.From, All.To);

        stored.Count.ShouldBe(70);
        for (var i = 0; i < predictions.Length; i++)
        {
            ShouldMatch(stored[i], predictions[i]);
        }

        stored.Count(p => p.ClassProbabilities.IsEmpty).ShouldBe(18);
    }

    [Fact]
    public async Task Predictions_WithClassProbabilities_WrittenBesideAnIdAlreadyStored_ReadBackAsWritten()
    {
        // An id already stored sends a provider down its path that skips stored ids (PostgreSQL: a staging table).
        await using var store = await CreateStoreAsync();
        var model = Schema("restaged", classes: Animals);
        var first = Prediction(At(1), predictedClass: "cat", probabilities: [0.5, 0.25, 0.25]);
        await WriteAsync(store, Batch(model, [first]));
        var later = Prediction(At(2), predictedClass: "dog", probabilities: [1.0 / 3, 1.0 / 3, 1.0 / 3]);
        var unscored = Prediction(At(3), predictedClass: "bird");

        var result = await store.Sink.WriteAsync(Batch(model, [first with { ClassProbabilities = new[] { 1.0, 0, 0 } }, later, unscored]), CancellationToken.None);
        var stored = await store.ReadPredictionsAsync("restaged", All.From, All.To);

        result.DuplicatePredictions.ShouldBe(1);
        stored.Count.ShouldBe(3);
        ShouldMatch(stored[0], first);
        ShouldMatch(stored[1], later);
        ShouldMatch(stored[2], unscored);
    }

    [Fact]
    public async Task Batch_WithClassProbabilitiesNotOnePerClass_IsRejectedWhole()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("miscounted", classes: Animals);
        var valid = Enumerable.Range(0, 40).Select(i => Prediction(At(i), probabilities: Spread(i))).ToArray();

        await Should.ThrowAsync<ArgumentException>(async () =>
            await store.Sink.WriteAsync(Batch(model, [.. valid, Prediction(At(41), probabilities: [0.5, 0.5])]), CancellationToken.None));

        (await store.ReadPredictionsAsync("miscounted", All.From, All.To)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.25)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public async Task Batch_WithAClassProbabilityOutside0To1_IsRefusedAndStoresNothing(double value)
    {
        // Refused like a value the store cannot hold: the pipeline then writes the batch again in parts and leaves out only this prediction.
        await using var store = await CreateStoreAsync();
        var model = Schema("refused", classes: Animals);
        var valid = Enumerable.Range(0, 40).Select(i => Prediction(At(i), probabilities: Spread(i))).ToArray();

        await Should.ThrowAsync<RecordRejectedException>(async () =>
            await store.Sink.WriteAsync(Batch(model, [.. valid, Prediction(At(41), probabilities: [0.5, value, 0])]), CancellationToken.None));

        (await store.ReadPredictionsAsync("refused", All.From, All.To)).ShouldBeEmpty();
    }

    /// <summary>Three probabilities with full double precision that differ from row to row.</summary>
    private static double[] Spread(int i)
    {
        var first = 1.0 / (i + 3);
        var second = 0.1 + (0.2 * (i % 3) / 3);
        return [first, second, 1 - first - second];
    }
}
