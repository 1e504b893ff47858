using ModelMonitoring.Recording;
using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.Storage.ContractTests;

public abstract partial class MonitoringStoreContractTests
{
    [Fact]
    public async Task PredictionSummary_Latency_MatchesNumPyLinearPercentiles()
    {
        await using var store = await CreateStoreAsync();
        double[] latenciesMs = [7, 1, 3, 15, 2, 8, 4, 100, 5, 6];
        var predictions = latenciesMs.Select((ms, i) => Prediction(At(i), latencyMs: ms)).ToArray();
        await WriteAsync(store, Batch(Schema("latency"), predictions));

        var summary = await store.Reader.GetPredictionSummaryAsync("latency", All.From, All.To);

        // numpy.percentile([1, 2, 3, 4, 5, 6, 7, 8, 15, 100], [50, 95, 99]) == [5.5, 61.75, 92.35]; mean 15.1.
        var latency = summary.Latency.ShouldNotBeNull();
        latency.Mean.ShouldBe(TimeSpan.FromMilliseconds(15.1));
        latency.P50.ShouldBe(TimeSpan.FromMilliseconds(5.5));
        latency.P95.ShouldBe(TimeSpan.FromMilliseconds(61.75));
        latency.P99.ShouldBe(TimeSpan.FromMilliseconds(92.35));
        latency.Max.ShouldBe(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task PredictionSummary_OfOnePrediction_HasEveryPercentileEqualToIt()
    {
        await using var store = await CreateStoreAsync();
        await WriteAsync(store, Batch(Schema("single"), [Prediction(At(1), latencyMs: 12.5)]));

        var latency = (await store.Reader.GetPredictionSummaryAsync("single", All.From, All.To)).Latency.ShouldNotBeNull();

        latency.ShouldBe(new LatencySummary(
            TimeSpan.FromMilliseconds(12.5), TimeSpan.FromMilliseconds(12.5), TimeSpan.FromMilliseconds(12.5), TimeSpan.FromMilliseconds(12.5), TimeSpan.FromMilliseconds(12.5)));
    }

    [Fact]
    public async Task PredictionSummary_CountsErrorsConfidenceAndClasses()
    {
        await using var store = await CreateStoreAsync();
        await WriteAsync(store, Batch(Schema("mix"), [
            Prediction(At(1), predictedClass: "cat", confidence: 0.9),
            Prediction(At(2), predictedClass: "dog", confidence: 0.6),
            Prediction(At(3), predictedClass: "cat", confidence: 0.3),
            Prediction(At(4), predictedClass: "cat"),
            Prediction(At(5), status: PredictionStatus.Error)]));

        var summary = await store.Reader.GetPredictionSummaryAsync("mix", All.From, All.To);

        summary.Count.ShouldBe(5);
        summary.ErrorCount.ShouldBe(1);
        summary.ErrorRate.ShouldBe(0.2);
        summary.MeanConfidence.ShouldNotBeNull().ShouldBe(0.6, 1e-12);
        summary.ClassCounts.Count.ShouldBe(2);
        summary.ClassCounts["cat"].ShouldBe(3);
        summary.ClassCounts["dog"].ShouldBe(1);
    }

    [Fact]
    public async Task Report_ContainsThePredictionSummary()
    {
        await using var store = await CreateStoreAsync();
        await WriteAsync(store, Batch(Schema("same"), [Prediction(At(1), latencyMs: 4, predictedClass: "a"), Prediction(At(2), latencyMs: 8, predictedClass: "b")]));

        var report = await store.Reader.GetPerformanceReportAsync("same", All.From, All.To);
        var summary = await store.Reader.GetPredictionSummaryAsync("same", All.From, All.To);

        report.Predictions.Count.ShouldBe(summary.Count);
        report.Predictions.Latency.ShouldBe(summary.Latency);
        report.Predictions.ClassCounts.ShouldBe(summary.ClassCounts, ignoreOrder: true);
    }
}
