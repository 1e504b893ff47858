using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.Storage.ContractTests;

public abstract partial class MonitoringStoreContractTests
{
    [Fact]
    public async Task Models_AreReadInIsolation()
    {
        await using var store = await CreateStoreAsync();
        var fraud = Schema("fraud");
        var churn = Schema("churn");
        var fraudPrediction = Prediction(At(1), predictedClass: "yes");
        await WriteAsync(
            store,
            Batch(fraud, [fraudPrediction], metrics: [Metric("m", 1, At(1))]),
            Batch(churn, [Prediction(At(1)), Prediction(At(2))], labels: [Label(fraudPrediction.Id, At(3), "no")], metrics: [Metric("m", 5, At(1))]));

        await SaveAlertsAsync(store, Alert(fraud, "f", At(1)));

        var fraudReport = await store.Reader.GetPerformanceReportAsync("fraud", All.From, All.To);
        var churnReport = await store.Reader.GetPerformanceReportAsync("churn", All.From, All.To);

        fraudReport.Predictions.Count.ShouldBe(1);
        fraudReport.Metrics.Single().Mean.ShouldBe(1);
        fraudReport.AlertCounts.Values.Sum().ShouldBe(1);
        churnReport.Predictions.Count.ShouldBe(2);
        churnReport.Metrics.Single().Mean.ShouldBe(5);
        churnReport.AlertCounts.Values.Sum().ShouldBe(0);
        churnReport.LabeledCount.ShouldBe(0);
        (await store.Reader.GetRecentMetricsAsync("churn")).Single().Value.ShouldBe(5);
    }

    [Fact]
    public async Task Model_IsReadByNameAcrossVersionsAndEnvironments()
    {
        await using var store = await CreateStoreAsync();
        var v1 = Schema("ranker", version: "1", numeric: ["x"]);
        var v2 = Schema("ranker", version: "2", numeric: ["x", "y"]);
        var staging = Schema("ranker", version: "2", environment: "staging", numeric: ["x", "y"]);
        var old = Prediction(At(1), predictedClass: "a", numeric: [1]);
        await WriteAsync(
            store,
            Batch(v1, [old], metrics: [Metric("m", 1, At(1))]),
            Batch(v2, [Prediction(At(2), predictedClass: "a", numeric: [1, 2])], labels: [Label(old.Id, At(3), "a")], metrics: [Metric("m", 3, At(2))]),
            Batch(staging, [Prediction(At(3), predictedClass: "b", numeric: [3, 4])]));

        var report = await store.Reader.GetPerformanceReportAsync("ranker", All.From, All.To);
        var stored = await store.ReadPredictionsAsync("ranker", All.From, All.To);

        report.Predictions.Count.ShouldBe(3);
        report.Predictions.ClassCounts["a"].ShouldBe(2);
        report.LabeledCount.ShouldBe(1);
        report.Accuracy.ShouldBe(1.0);
        var metric = report.Metrics.Single();
        metric.Count.ShouldBe(2);
        metric.StandardDeviation.ShouldBe(Math.Sqrt(2), 1e-12);
        metric.Latest.ShouldBe(3);
        stored.Select(p => p.NumericFeatures.Length).ShouldBe([1, 2, 2]);
    }

    [Fact]
    public async Task Model_WithClasses_ReadsBackItsClassesInOrder_AndOneWithout_ReadsBackNone()
    {
        await using var store = await CreateStoreAsync();
        var classifier = Schema("zoo", numeric: ["weight"], categorical: ["habitat"], classes: ["cat", "dog", "bird"]);
        var regressor = Schema("zoo", version: "2.0", numeric: ["weight"]);
        await WriteAsync(store, Batch(classifier, [Prediction(At(1), predictedClass: "dog", numeric: [4], categorical: ["house"], probabilities: [0.25, 0.5, 0.25])]), Batch(regressor, [Prediction(At(2), predictedValue: 1.5, numeric: [4])]));

        var models = await ReadModelsAsync(store, "zoo");

        models.Count.ShouldBe(2);
        models[0].Version.ShouldBe("1.0");
        models[0].NumericFeatures.ShouldBe(["weight"]);
        models[0].CategoricalFeatures.ShouldBe(["habitat"]);
        models[0].Classes.ShouldBe(["cat", "dog", "bird"]);
        models[1].Version.ShouldBe("2.0");
        models[1].Classes.ShouldBeEmpty();
    }

    [Fact]
    public async Task Model_WrittenAgainWithOtherClasses_ReadsBackTheLatestClasses()
    {
        // The same name, version and environment declared again (a restart with new options) replaces the stored classes, as it does the feature names.
        await using var store = await CreateStoreAsync();
        await WriteAsync(store, Batch(Schema("relabelled", classes: ["no", "yes"]), [Prediction(At(1), predictedClass: "yes", probabilities: [0.5, 0.5])]));
        await WriteAsync(store, Batch(Schema("relabelled", classes: ["low", "mid", "high", "\"quoted\" ü"]), [Prediction(At(2), predictedClass: "mid", probabilities: [0.25, 0.25, 0.25, 0.25])]));
        var afterRestart = (await ReadModelsAsync(store, "relabelled")).Single().Classes.ToArray();

        await WriteAsync(store, Batch(Schema("relabelled"), [Prediction(At(3), predictedValue: 2)]));
        var withoutClasses = (await ReadModelsAsync(store, "relabelled")).Single().Classes;

        afterRestart.ShouldBe(["low", "mid", "high", "\"quoted\" ü"]);
        withoutClasses.ShouldBeEmpty();
    }

    private static Task<IReadOnlyList<ModelSchema>> ReadModelsAsync(StoreUnderTest store, string model) =>
        (store.ReadModels ?? throw new InvalidOperationException("The provider does not pass its read of stored models.")).Invoke(model, CancellationToken.None);
}
