using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.Storage.ContractTests;

public abstract partial class MonitoringStoreContractTests
{
    [Fact]
    public async Task Accuracy_JoinsLabelsThatArriveInALaterBatch()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("classifier");
        var predictions = new[]
        {
            Prediction(At(1), predictedClass: "fraud"),
            Prediction(At(2), predictedClass: "ok"),
            Prediction(At(3), predictedClass: "ok"),
            Prediction(At(4), predictedClass: "fraud"),
        };
        await WriteAsync(store, Batch(model, predictions));

        // Labels arrive long after the range ends, and one is for a prediction no store has seen.
        await WriteAsync(store, Batch(model, labels: [
            Label(predictions[0].Id, At(3600), "fraud"),
            Label(predictions[1].Id, At(3600), "ok"),
            Label(predictions[2].Id, At(3600), "fraud"),
            Label(NewId(), At(3600), "ok")]));
        var report = await store.Reader.GetPerformanceReportAsync("classifier", At(0), At(10));

        report.LabeledCount.ShouldBe(3);
        report.Accuracy.ShouldNotBeNull().ShouldBe(2.0 / 3, 1e-12);
        report.MeanAbsoluteError.ShouldBeNull();
    }

    [Fact]
    public async Task MeanAbsoluteError_ComparesPredictedAndTrueValues()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("regressor");
        var predictions = new[] { Prediction(At(1), predictedValue: 1.0), Prediction(At(2), predictedValue: 2.0), Prediction(At(3), predictedValue: 4.0), Prediction(At(4), predictedValue: 9.0) };
        await WriteAsync(store, Batch(model, predictions, labels: [Label(predictions[0].Id, At(5), actualValue: 1.5), Label(predictions[1].Id, At(5), actualValue: 1.0)]));
        await WriteAsync(store, Batch(model, labels: [Label(predictions[2].Id, At(6), actualValue: 4.0)]));

        var report = await store.Reader.GetPerformanceReportAsync("regressor", All.From, All.To);

        report.LabeledCount.ShouldBe(3);
        report.MeanAbsoluteError.ShouldNotBeNull().ShouldBe(0.5, 1e-12);
        report.Accuracy.ShouldBeNull();
    }

    [Fact]
    public async Task Label_RecordedAgainWithALaterTimestamp_ReplacesTheEarlierOne()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("corrected");
        var prediction = Prediction(At(1), predictedClass: "a");
        await WriteAsync(store, Batch(model, [prediction], labels: [Label(prediction.Id, At(2), "b")]));
        await WriteAsync(store, Batch(model, labels: [Label(prediction.Id, At(3), "a")]));
        await WriteAsync(store, Batch(model, labels: [Label(prediction.Id, At(2.5), "b")]));

        var report = await store.Reader.GetPerformanceReportAsync("corrected", All.From, All.To);

        report.LabeledCount.ShouldBe(1);
        report.Accuracy.ShouldBe(1.0);
    }
}
