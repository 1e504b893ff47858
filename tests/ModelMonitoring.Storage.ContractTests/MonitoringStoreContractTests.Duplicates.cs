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

        var result = await store.Sink.WriteAsync(Batch(model, [Prediction(At(2), predictedClass: "second", id: id), Prediction(At(3), predictedClass: "other")]), CancellationToken.None);
        var stored = await store.ReadPredictionsAsync("dupes", All.From, All.To);

        stored.Select(p => p.PredictedClass).ShouldBe(["first", "other"]);
        result.DuplicatePredictions.ShouldBe(1);
    }

    [Fact]
    public async Task Prediction_RepeatedWithinOneBatch_IsStoredOnce()
    {
        await using var store = await CreateStoreAsync();
        var prediction = Prediction(At(1), predictedClass: "a");

        var result = await store.Sink.WriteAsync(Batch(Schema("twice"), [prediction, prediction with { PredictedClass = "b" }]), CancellationToken.None);

        (await store.ReadPredictionsAsync("twice", All.From, All.To)).Single().PredictedClass.ShouldBe("a");
        result.DuplicatePredictions.ShouldBe(1);
    }

    [Fact]
    public async Task Batch_WrittenTwice_KeepsOnePredictionAndOneLabelPerId()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("redelivered", categorical: ["c"]);
        var predictions = Enumerable.Range(0, 70).Select(i => Prediction(At(i), predictedClass: "a", categorical: [$"v{i}"])).ToArray();
        var batch = Batch(model, predictions, labels: [Label(predictions[0].Id, At(80), "a"), Label(predictions[1].Id, At(80), "b")]);

        var first = await store.Sink.WriteAsync(batch, CancellationToken.None);
        var second = await store.Sink.WriteAsync(batch, CancellationToken.None);
        var report = await store.Reader.GetPerformanceReportAsync("redelivered", All.From, All.To);

        first.DuplicatePredictions.ShouldBe(0);
        second.DuplicatePredictions.ShouldBe(70);
        report.Predictions.Count.ShouldBe(70);
        report.LabeledCount.ShouldBe(2);
        report.Accuracy.ShouldBe(0.5);
    }

    [Fact]
    public async Task Batch_OfNewIds_ReportsNoDuplicates()
    {
        await using var store = await CreateStoreAsync();
        var predictions = Enumerable.Range(0, 100).Select(i => Prediction(At(i))).ToArray();

        var result = await store.Sink.WriteAsync(Batch(Schema("fresh"), predictions), CancellationToken.None);

        result.ShouldBe(SinkWriteResult.AllKept);
        (await store.ReadPredictionsAsync("fresh", All.From, All.To)).Count.ShouldBe(100);
    }

    [Fact]
    public async Task Batch_OfNewIdsOutOfOrder_WithAnIdRepeated_KeepsThatIdsFirstPredictionInBatchOrder()
    {
        await using var store = await CreateStoreAsync();
        var predictions = Enumerable.Range(0, 40).Select(i => Prediction(At(i), predictedClass: "a")).ToArray();

        // Newest first, and the oldest id again at the end with a later time and another class.
        var result = await store.Sink.WriteAsync(Batch(Schema("shuffled"), [.. predictions.Reverse(), predictions[0] with { Timestamp = At(50), PredictedClass = "again" }]), CancellationToken.None);
        var stored = await store.ReadPredictionsAsync("shuffled", All.From, All.To);

        result.DuplicatePredictions.ShouldBe(1);
        stored.Select(p => (p.Id, p.PredictedClass)).ShouldBe(predictions.Select(p => (p.Id, p.PredictedClass)));
    }

    [Fact]
    public async Task Batch_MixingNewIdsWithStoredOnes_StoresTheNewOnesOnce_KeepsTheStoredOnes_AndItsLabels()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("mixed");
        var predictions = Enumerable.Range(0, 60).Select(i => Prediction(At(i), predictedClass: "a")).ToArray();
        await WriteAsync(store, Batch(model, [predictions[10] with { PredictedClass = "first" }, predictions[45] with { PredictedClass = "first" }]));

        // Ids below, between and above the stored ones, one of them twice, and labels in the same batch.
        var batch = Batch(
            model,
            [.. predictions, predictions[3] with { PredictedClass = "again" }],
            labels: [Label(predictions[3].Id, At(70), "a"), Label(predictions[10].Id, At(70), "a")]);
        var result = await store.Sink.WriteAsync(batch, CancellationToken.None);
        var stored = await store.ReadPredictionsAsync("mixed", All.From, All.To);
        var report = await store.Reader.GetPerformanceReportAsync("mixed", All.From, All.To);

        result.DuplicatePredictions.ShouldBe(3);
        stored.Select(p => p.Id).ShouldBe(predictions.Select(p => p.Id));
        stored.Where(p => p.PredictedClass != "a").Select(p => p.Id).ShouldBe([predictions[10].Id, predictions[45].Id]);
        report.LabeledCount.ShouldBe(2);
        report.Accuracy.ShouldBe(0.5);
    }
}
