using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Recording;

/// <summary>
/// Pins the hot path's promise without a benchmark run: recording numeric predictions and labels, valid
/// or rejected, allocates nothing once the thread holds its lease and the label is known.
/// </summary>
public sealed class RecordingAllocationTests
{
    private const int Calls = 2_000;

    private static readonly double[] Missing = [1, double.NaN, 3, 4, 5];

    [Fact]
    public async Task RecordPredictionAndNumericLabel_WarmedUp_AllocateNothing()
    {
        // The worker is woken once a shard has taken a batch worth of records (at most half a shard), and
        // that wake-up allocates (32 bytes measured, once per 4,096 records by default), not the record. Shards and batches larger than what is recorded
        // here keep it out of the measurement, which then shows that recording itself allocates nothing.
        await using var test = TestPipeline.Create(o =>
        {
            o.BufferCapacity = 1 << 18;
            o.MaxBatchSize = 65_536;
            o.AddModel("m", m => m.NumericFeatures("a", "b", "c", "d", "e"));
        });

        // One thread for warm-up and measurement: a thread's first records lease it a shard and create that
        // shard's arrays (the extras of predicted values, for one), which an await could move elsewhere.
        var allocated = await Task.Factory.StartNew(() => RecordTwice(test), TaskCreationOptions.LongRunning);

        allocated.ShouldBe(0);
        var statistics = test.Pipeline.GetStatistics();
        statistics.GetDropped(DropReason.InvalidValue).ShouldBe(2 * Calls);
        statistics.GetDropped(DropReason.TimestampOutOfRange).ShouldBe(2 * Calls);
        statistics.GetDropped(DropReason.BufferFull).ShouldBe(0);
    }

    private static long RecordTwice(TestPipeline test)
    {
        var monitor = test.Pipeline.GetMonitor("m");
        var features = new double[] { 1, 2, 3, 4, 5 };
        var invalid = new double[] { 1, 2, double.PositiveInfinity, 4, 5 };
        var at = test.Clock.GetUtcNow();
        Record(monitor, features, invalid, at);
        test.Pipeline.FlushAsync().GetAwaiter().GetResult().ShouldBeTrue();

        var before = GC.GetAllocatedBytesForCurrentThread();
        Record(monitor, features, invalid, at);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static void Record(IModelMonitor monitor, double[] features, double[] invalid, DateTimeOffset at)
    {
        for (var i = 0; i < Calls; i++)
        {
            // The fast path, with and without a missing value, the slow path with a timestamp, and two rejections.
            var id = monitor.RecordPrediction(new Prediction { NumericFeatures = features, Latency = TimeSpan.FromMilliseconds(3), PredictedClass = "yes", Confidence = 0.9 });
            monitor.RecordPrediction(new Prediction { NumericFeatures = Missing, Latency = TimeSpan.FromMilliseconds(3) });
            monitor.RecordPrediction(new Prediction { NumericFeatures = features, PredictedValue = 2.5, Timestamp = at });
            monitor.RecordPrediction(new Prediction { NumericFeatures = invalid });
            monitor.RecordPrediction(new Prediction { NumericFeatures = features, Timestamp = DateTimeOffset.UnixEpoch.AddTicks(-1) });
            monitor.RecordGroundTruth(id, 1.0);
        }
    }
}
