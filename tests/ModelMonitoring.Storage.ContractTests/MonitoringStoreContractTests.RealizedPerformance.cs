using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.Storage.ContractTests;

public abstract partial class MonitoringStoreContractTests
{
    private const string NoPerformanceStore = "the provider must pass its IRealizedPerformanceStore to StoreUnderTest";

    [Fact]
    public async Task LabelledPredictions_AreThePredictionsInTheRangeWithALabel_EachWithItsLabel()
    {
        await using var store = await CreateStoreAsync();
        var performance = store.Performance.ShouldNotBeNull(NoPerformanceStore);
        var model = Schema("labelled");
        var inside = Prediction(At(10), predictedClass: "fraud", confidence: 0.75, segment: "eu");
        var regression = Prediction(At(20), predictedValue: 2.5);
        var unlabelled = Prediction(At(30), predictedClass: "ok");
        var outside = Prediction(At(70), predictedClass: "ok");
        await WriteAsync(store, Batch(model, [inside, regression, unlabelled, outside]));
        await WriteAsync(store, Batch(model, labels: [
            Label(inside.Id, At(4000), "ok"),
            Label(regression.Id, At(4000), actualValue: 3.0),
            Label(outside.Id, At(4000), "ok")]));
        await WriteAsync(store, Batch(Schema("other"), [Prediction(At(15), predictedClass: "x")]));

        var rows = (await performance.GetLabelledPredictionsAsync("labelled", At(0), At(60))).OrderBy(r => r.Timestamp).ToArray();

        rows.Length.ShouldBe(2);
        rows[0].ShouldBe(new LabelledPrediction { Timestamp = At(10), PredictedClass = "fraud", Confidence = 0.75, Segment = "eu", ActualClass = "ok" });
        rows[1].ShouldBe(new LabelledPrediction { Timestamp = At(20), PredictedValue = 2.5, ActualValue = 3.0 });
    }

    [Fact]
    public async Task LabelledPredictions_CarryTheirClassProbabilitiesBitForBit_AndNoneAsEmptyRatherThanZeros()
    {
        await using var store = await CreateStoreAsync();
        var performance = store.Performance.ShouldNotBeNull(NoPerformanceStore);
        var model = Schema("labelled-probabilities", classes: Animals);
        var uneven = Prediction(At(10), predictedClass: "bird", confidence: 1 - (0.1 + 0.2) - (1.0 / 3), probabilities: [0.1 + 0.2, 1.0 / 3, 1 - (0.1 + 0.2) - (1.0 / 3)]);
        var certain = Prediction(At(20), predictedClass: "dog", confidence: 1, probabilities: [0, 1, -0.0]);
        var unscored = Prediction(At(30), predictedClass: "cat");
        await WriteAsync(store, Batch(model, [uneven, certain, unscored]));
        await WriteAsync(store, Batch(model, labels: [Label(uneven.Id, At(4000), "cat"), Label(certain.Id, At(4000), "dog"), Label(unscored.Id, At(4000), "cat")]));

        var rows = (await performance.GetLabelledPredictionsAsync("labelled-probabilities", At(0), At(60))).OrderBy(r => r.Timestamp).ToArray();

        rows.Length.ShouldBe(3);
        rows[0].ClassProbabilities.ToArray().Select(BitConverter.DoubleToInt64Bits)
            .ShouldBe(new[] { 0.30000000000000004, 0.3333333333333333, 0.36666666666666664 }.Select(BitConverter.DoubleToInt64Bits));
        rows[1].ClassProbabilities.ToArray().Select(BitConverter.DoubleToInt64Bits).ShouldBe(new[] { 0, 1, -0.0 }.Select(BitConverter.DoubleToInt64Bits));
        rows[2].ClassProbabilities.IsEmpty.ShouldBeTrue();
        rows[2].ShouldBe(new LabelledPrediction { Timestamp = At(30), PredictedClass = "cat", ActualClass = "cat" });
        (rows[0] with { ClassProbabilities = default })
            .ShouldBe(new LabelledPrediction { Timestamp = At(10), PredictedClass = "bird", Confidence = 0.36666666666666664, ActualClass = "cat" });
    }

    [Fact]
    public async Task LabelledWindows_AreTheWindowsOfPredictionsLabelledSince_WithinTheLookBack()
    {
        await using var store = await CreateStoreAsync();
        var performance = store.Performance.ShouldNotBeNull(NoPerformanceStore);
        var model = Schema("windows");
        var old = Prediction(At(-600), predictedClass: "a");
        var first = Prediction(At(5), predictedClass: "a");
        var second = Prediction(At(65), predictedClass: "a");
        var alsoSecond = Prediction(At(119), predictedClass: "a");
        var third = Prediction(At(130), predictedClass: "a");
        await WriteAsync(store, Batch(model, [old, first, second, alsoSecond, third]));
        await WriteAsync(store, Batch(model, labels: [
            Label(old.Id, At(1000), "a"),
            Label(first.Id, At(500), "a"),
            Label(second.Id, At(1000), "b"),
            Label(alsoSecond.Id, At(1001), "a"),
            Label(third.Id, At(999.5), "a")]));

        var windows = await performance.GetLabelledWindowsAsync("windows", labelledSince: At(1000), predictedSince: At(0), TimeSpan.FromMinutes(1));
        var all = await performance.GetLabelledWindowsAsync("windows", labelledSince: At(0), predictedSince: At(-3600), TimeSpan.FromMinutes(1));

        windows.ShouldBe([At(60)]);
        all.ShouldBe([At(-600), At(0), At(60), At(120)]);
    }

    [Fact]
    public async Task RealizedPerformance_SavedAgainForAWindow_ReplacesEverythingStoredForIt_AndReadsBackBySegment()
    {
        await using var store = await CreateStoreAsync();
        var performance = store.Performance.ShouldNotBeNull(NoPerformanceStore);
        await WriteAsync(store, Batch(Schema("perf"), [Prediction(At(1), predictedClass: "a")]));
        RealizedPerformance Window(double start, string segment, long labels, double computed, params (string Name, double Value)[] metrics) => new()
        {
            WindowStart = At(start),
            WindowEnd = At(start + 60),
            Segment = segment,
            LabelCount = labels,
            ComputedAt = At(computed),
            Metrics = metrics.ToDictionary(m => m.Name, m => m.Value),
        };

        await performance.SaveRealizedPerformanceAsync("perf", At(0), [Window(0, "", 3, 100, ("realized.accuracy", 0.5), ("realized.f1[a]", 0.25)), Window(0, "eu", 1, 100, ("realized.accuracy", 1.0))]);
        await performance.SaveRealizedPerformanceAsync("perf", At(60), [Window(60, "", 2, 110, ("realized.mae", 1.5))]);
        await performance.SaveRealizedPerformanceAsync("perf", At(0), [Window(0, "", 4, 200, ("realized.accuracy", 0.75)), Window(0, "us", 2, 200, ("realized.accuracy", 0.5))]);

        var read = await store.Reader.GetRealizedPerformanceAsync("perf", At(0), At(120));
        var us = await store.Reader.GetRealizedPerformanceAsync("perf", At(0), At(120), segment: "us");
        var overall = await store.Reader.GetRealizedPerformanceAsync("perf", At(60), At(120), segment: "");

        read.Select(w => (w.WindowStart, w.Segment, w.LabelCount)).ShouldBe([(At(0), "", 4L), (At(0), "us", 2L), (At(60), "", 2L)]);
        read[0].WindowEnd.ShouldBe(At(60));
        read[0].ComputedAt.ShouldBe(At(200));
        read[0].Metrics.ShouldBe(new Dictionary<string, double> { ["realized.accuracy"] = 0.75 });
        read[2].Metrics.ShouldBe(new Dictionary<string, double> { ["realized.mae"] = 1.5 });
        us.ShouldHaveSingleItem().Metrics["realized.accuracy"].ShouldBe(0.5);
        overall.ShouldHaveSingleItem().WindowStart.ShouldBe(At(60));
        (await performance.GetLastComputedAsync("perf")).ShouldBe(At(200));
        (await performance.GetLastComputedAsync("never")).ShouldBeNull();
    }
}
