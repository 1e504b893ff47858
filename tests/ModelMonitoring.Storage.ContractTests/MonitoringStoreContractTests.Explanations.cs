using ModelMonitoring.Explainability;
using ModelMonitoring.Recording;
using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.Storage.ContractTests;

// Explanations: one per prediction and kind, the latest recorded winning, read back with the feature names of the model
// they were recorded for (numeric first); a batch with an explanation of the wrong width is not stored at all.
public abstract partial class MonitoringStoreContractTests
{
    [Fact]
    public async Task Explanation_AttributionsAndLime_ReadBackExactly()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("explained", version: "2.0", numeric: ["amount", "age"], categorical: ["country"]);
        var prediction = Prediction(At(1), numeric: [10.0, 40.0], categorical: ["FR"]);
        await WriteAsync(store, Batch(model, [prediction]));
        await WriteAsync(store, Explained(model,
            Attributions(prediction.Id, At(2), [0.5, -0.25, 1e-300], baseValue: 0.125),
            Lime(prediction.Id, At(3), [1.5, double.Epsilon, -3.0], intercept: -0.5, score: 0.875)));

        var explanation = (await store.Reader.GetExplanationAsync(prediction.Id)).ShouldNotBeNull();

        explanation.PredictionId.ShouldBe(prediction.Id);
        explanation.Model.ShouldBe("explained");
        explanation.Version.ShouldBe("2.0");
        explanation.Features.ShouldBe(["amount", "age", "country"]);
        explanation.Attributions.ShouldBe([0.5, -0.25, 1e-300]);
        explanation.BaseValue.ShouldBe(0.125);
        explanation.AttributionsTimestamp.ShouldBe(At(2));
        explanation.LimeWeights.ShouldBe([1.5, double.Epsilon, -3.0]);
        explanation.LimeIntercept.ShouldBe(-0.5);
        explanation.LimeScore.ShouldBe(0.875);
        explanation.LimeTimestamp.ShouldBe(At(3));
    }

    [Fact]
    public async Task Explanation_OnlyAttributionsWithoutBaseValue_LeavesTheRestNull()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("shap-only", numeric: ["x"]);
        var id = NewId();
        await WriteAsync(store, Explained(model, Attributions(id, At(1), [2.0])));

        var explanation = (await store.Reader.GetExplanationAsync(id)).ShouldNotBeNull();

        explanation.Attributions.ShouldBe([2.0]);
        explanation.BaseValue.ShouldBeNull();
        explanation.LimeWeights.ShouldBeNull();
        explanation.LimeIntercept.ShouldBeNull();
        explanation.LimeScore.ShouldBeNull();
        explanation.LimeTimestamp.ShouldBeNull();
    }

    [Fact]
    public async Task Explanation_NothingStored_IsNull()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("unexplained", numeric: ["x"]);
        var prediction = Prediction(At(1), numeric: [1.0]);
        await WriteAsync(store, Batch(model, [prediction]));

        (await store.Reader.GetExplanationAsync(prediction.Id)).ShouldBeNull();
        (await store.Reader.GetExplanationAsync(NewId())).ShouldBeNull();
    }

    [Fact]
    public async Task Explanation_RecordedAgain_TheLatestWinsInAndAcrossBatches()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("reexplained", numeric: ["x", "y"]);
        var id = NewId();
        await WriteAsync(store, Explained(model, Attributions(id, At(2), [1.0, 1.0]), Attributions(id, At(3), [3.0, 3.0]), Attributions(id, At(1), [0.0, 0.0])));
        await WriteAsync(store, Explained(model, Attributions(id, At(2.5), [2.0, 2.0])));

        (await store.Reader.GetExplanationAsync(id)).ShouldNotBeNull().Attributions.ShouldBe([3.0, 3.0]);

        await WriteAsync(store, Explained(model, Attributions(id, At(4), [4.0, -4.0], baseValue: 1.0)));

        var latest = (await store.Reader.GetExplanationAsync(id)).ShouldNotBeNull();
        latest.Attributions.ShouldBe([4.0, -4.0]);
        latest.BaseValue.ShouldBe(1.0);
    }

    [Fact]
    public async Task Explanation_WrongWidth_RejectsTheWholeBatch()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("narrow", numeric: ["x", "y"]);
        var prediction = Prediction(At(1), numeric: [1.0, 2.0]);
        var batch = new MonitoringBatch(model, new[] { prediction }) { Explanations = new[] { Attributions(prediction.Id, At(1), [1.0]) } };

        await Should.ThrowAsync<ArgumentException>(async () => await store.Sink.WriteAsync(batch, CancellationToken.None));

        (await store.Reader.GetPredictionSummaryAsync("narrow", All.From, All.To)).Count.ShouldBe(0);
        (await store.Reader.GetExplanationAsync(prediction.Id)).ShouldBeNull();
    }

    private static MonitoringBatch Explained(ModelSchema model, params ExplanationRecord[] explanations) => new(model) { Explanations = explanations };

    private static ExplanationRecord Attributions(PredictionId id, DateTimeOffset timestamp, double[] values, double? baseValue = null) =>
        new() { PredictionId = id, Timestamp = timestamp, Kind = ExplanationKind.Attributions, Values = values, BaseValue = baseValue };

    private static ExplanationRecord Lime(PredictionId id, DateTimeOffset timestamp, double[] weights, double intercept, double score) =>
        new() { PredictionId = id, Timestamp = timestamp, Kind = ExplanationKind.Lime, Values = weights, Intercept = intercept, Score = score };
}
