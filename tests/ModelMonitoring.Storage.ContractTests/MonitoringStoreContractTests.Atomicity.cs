using System.Collections;
using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.Storage.ContractTests;

public abstract partial class MonitoringStoreContractTests
{
    [Fact]
    public async Task Batch_WithAnInvalidPredictionAtItsEnd_IsRejectedWhole()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("atomic", numeric: ["a", "b"]);
        var valid = Enumerable.Range(0, 100).Select(i => Prediction(At(i), numeric: [i, -i])).ToArray();
        var invalid = Prediction(At(101), numeric: [1]);

        await Should.ThrowAsync<ArgumentException>(async () => await store.Sink.WriteAsync(
            Batch(model, [.. valid, invalid], labels: [Label(valid[0].Id, At(1), "x")], metrics: [Metric("m", 1, At(1))],
                driftChecks: [DriftCheck(model, At(1), features: [Feature("a", drifted: true)])]),
            CancellationToken.None));

        await ShouldHoldNothingAsync(store, "atomic");
    }

    [Fact]
    public async Task Batch_CancelledWhileBeingWritten_StoresNothing()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("cancelled", numeric: ["a"]);
        using var cancellation = new CancellationTokenSource();
        var predictions = Enumerable.Range(0, 100).Select(i => Prediction(At(i), numeric: [i])).ToArray();

        // The store reads the metadata while writing, which cancels the write part-way.
        var batch = Batch(model, predictions, metrics: [Metric("m", 1, At(1), metadata: new CancelsWhenRead(cancellation))]);
        await Should.ThrowAsync<OperationCanceledException>(async () => await store.Sink.WriteAsync(batch, cancellation.Token));

        cancellation.IsCancellationRequested.ShouldBeTrue();
        await ShouldHoldNothingAsync(store, "cancelled");
    }

    [Fact]
    public async Task Batch_WithAnAlreadyCancelledToken_StoresNothing()
    {
        await using var store = await CreateStoreAsync();

        await Should.ThrowAsync<OperationCanceledException>(async () =>
            await store.Sink.WriteAsync(Batch(Schema("precancelled"), [Prediction(At(1))], metrics: [Metric("m", 1, At(1))]), new CancellationToken(canceled: true)));

        await ShouldHoldNothingAsync(store, "precancelled");
    }

    [Fact]
    public async Task Store_AfterAFailedBatch_StoresTheRetriedBatchOnce()
    {
        await using var store = await CreateStoreAsync();
        var model = Schema("retried", numeric: ["a"]);
        var predictions = Enumerable.Range(0, 50).Select(i => Prediction(At(i), numeric: [i])).ToArray();
        await Should.ThrowAsync<ArgumentException>(async () =>
            await store.Sink.WriteAsync(Batch(model, [.. predictions, Prediction(At(60), numeric: [])], metrics: [Metric("m", 1, At(1))]), CancellationToken.None));

        await WriteAsync(store, Batch(model, predictions, metrics: [Metric("m", 1, At(1))]));

        var report = await store.Reader.GetPerformanceReportAsync("retried", All.From, All.To);
        report.Predictions.Count.ShouldBe(50);
        report.Metrics.Single().Count.ShouldBe(1);
    }

    private static async Task ShouldHoldNothingAsync(StoreUnderTest store, string model)
    {
        var report = await store.Reader.GetPerformanceReportAsync(model, All.From, All.To);
        report.Predictions.Count.ShouldBe(0);
        report.LabeledCount.ShouldBe(0);
        report.Metrics.ShouldBeEmpty();
        (await store.Reader.GetDriftHistoryAsync(model, All.From, All.To)).ShouldBeEmpty();
        (await store.Reader.GetRecentMetricsAsync(model)).ShouldBeEmpty();
        (await store.ReadPredictionsAsync(model, All.From, All.To)).ShouldBeEmpty();
    }

    /// <summary>Metadata that cancels the write when the store enumerates it.</summary>
    private sealed class CancelsWhenRead(CancellationTokenSource cancellation) : IReadOnlyDictionary<string, string>
    {
        private readonly Dictionary<string, string> _values = new() { ["k"] = "v" };

        public int Count => _values.Count;

        public IEnumerable<string> Keys => _values.Keys;

        public IEnumerable<string> Values => _values.Values;

        public string this[string key] => _values[key];

        public bool ContainsKey(string key) => _values.ContainsKey(key);

        public bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
        {
            cancellation.Cancel();
            return _values.GetEnumerator();
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
