using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Pipeline;

public class AccountingTests
{
    [Fact]
    public async Task ManyThreadsWithSmallBuffer_ReceivedEqualsStoredPlusBufferedPlusDropped()
    {
        const int threads = 8;
        const int perThread = 20_000;
        await using var test = TestPipeline.Create(o =>
        {
            o.BufferCapacity = 64;
            o.MaxBatchSize = 16;
            o.AddModel("m", m => m.NumericFeatures("a", "b", "c"));
        });
        var monitor = test.Pipeline.GetMonitor("m");
        using var start = new Barrier(threads + 1);
        var accepted = new long[threads];
        var producers = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < perThread; i++)
            {
                // Every fourth record is invalid, so that two drop reasons race with stores.
                var value = i % 4 == 0 ? double.NegativeInfinity : i;
                if (!monitor.RecordPrediction(new Prediction { NumericFeatures = [value, t, 1] }).IsEmpty)
                {
                    accepted[t]++;
                }
            }
        }, TaskCreationOptions.LongRunning)).ToArray();

        start.SignalAndWait();
        var flushes = 0;
        while (!Task.WhenAll(producers).IsCompleted)
        {
            await test.Pipeline.FlushAsync();
            flushes++;
        }

        await Task.WhenAll(producers);
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        var flushed = test.Pipeline.GetStatistics();

        flushes.ShouldBeGreaterThan(0);
        flushed.Received.ShouldBe(threads * perThread);
        (flushed.Stored + flushed.Buffered + flushed.Dropped).ShouldBe(flushed.Received);
        flushed.Buffered.ShouldBe(0);
        flushed.GetDropped(DropReason.InvalidValue).ShouldBe(threads * perThread / 4);
        flushed.GetDropped(DropReason.BufferFull).ShouldBe((threads * perThread * 3 / 4) - accepted.Sum());
        flushed.Stored.ShouldBe(accepted.Sum());
        test.Sink.Predictions.Select(p => p.Id).Distinct().Count().ShouldBe((int)accepted.Sum());

        // A quiet moment with records still buffered: the worker is stuck inside a hung write, holding
        // one batch, while the rest waits in the ring. The identity must hold exactly there too.
        test.Sink.Hang = true;
        var attempts = test.Sink.WriteAttempts;
        for (var i = 0; i < 200; i++)
        {
            monitor.RecordPrediction(new Prediction { NumericFeatures = [i, 0, 1] });
        }

        await test.Sink.WhenAttempts(attempts + 1);
        var quiet = test.Pipeline.GetStatistics();
        quiet.Received.ShouldBe((threads * perThread) + 200);
        quiet.Buffered.ShouldBeGreaterThan(0);
        (quiet.Stored + quiet.Buffered + quiet.Dropped).ShouldBe(quiet.Received);
    }

    [Fact]
    public async Task GracefulShutdown_LosesNothingThatWasAccepted()
    {
        var test = TestPipeline.Create(o => o.AddModel("m", m => m.NumericFeatures("a")));
        var monitor = test.Pipeline.GetMonitor("m");
        var ids = new List<PredictionId>();
        for (var i = 0; i < 5_000; i++)
        {
            ids.Add(monitor.RecordPrediction(new Prediction { NumericFeatures = [i], PredictedClass = "x" }));
            if (i % 10 == 0)
            {
                monitor.RecordGroundTruth(ids[^1], "x");
            }
        }

        monitor.RecordMetric("queue_depth", 1);

        await test.DisposeAsync();

        ids.ShouldAllBe(id => !id.IsEmpty);
        test.Sink.Predictions.Select(p => p.Id).ShouldBe(ids, ignoreOrder: true);
        test.Sink.GroundTruths.Count.ShouldBe(500);
        var statistics = test.Pipeline.GetStatistics();
        statistics.Stored.ShouldBe(5_501);
        statistics.Dropped.ShouldBe(0);
        statistics.Buffered.ShouldBe(0);
    }
}
