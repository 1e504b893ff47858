using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.Storage.ContractTests;

public abstract partial class MonitoringStoreContractTests
{
    [Fact]
    public async Task Prediction_WithAnIdAlreadyStored_IsIgnoredAndTheFirstWins()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("dupes");
        var id = NewId();
        await WriteAsync(store, Batch(model, [Prediction(At(1), predictedClass: "first", id: id)]));

        await WriteAsync(store, Batch(model, [Prediction(At(2), predictedClass: "second", id: id), Prediction(At(3), predictedClass: "other")]));
        var stored = await store.ReadPredictionsAsync("dupes", All.From, All.To);

        stored.Select(p => p.PredictedClass).ShouldBe(["first", "other"]);
    }

    [Fact]
    public async Task Prediction_RepeatedWithinOneBatch_IsStoredOnce()
    {
        await using var store = await CreateStoreAsync();
        var prediction = Prediction(At(1), predictedClass: "a");

        await WriteAsync(store, Batch(Schema("twice"), [prediction, prediction with { PredictedClass = "b" }]));

        (await store.ReadPredictionsAsync("twice", All.From, All.To)).Single().PredictedClass.ShouldBe("a");
    }

    [Fact]
    public async Task Batch_WrittenTwice_KeepsOnePredictionAndOneLabelPerId()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("redelivered", categorical: ["c"]);
        var predictions = Enumerable.Range(0, 70).Select(i => Prediction(At(i), predictedClass: "a", categorical: [$"v{i}"])).ToArray();
        var batch = Batch(model, predictions, labels: [Label(predictions[0].Id, At(80), "a"), Label(predictions[1].Id, At(80), "b")]);

        await WriteAsync(store, batch, batch);
        var report = await store.Reader.GetPerformanceReportAsync("redelivered", All.From, All.To);

        report.Predictions.Count.ShouldBe(70);
        report.LabeledCount.ShouldBe(2);
        report.Accuracy.ShouldBe(0.5);
    }
}
