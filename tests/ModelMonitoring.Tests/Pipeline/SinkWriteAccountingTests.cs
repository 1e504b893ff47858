using ModelMonitoring.Recording;
using static ModelMonitoring.Tests.Pipeline.SinkScenario;

namespace ModelMonitoring.Tests.Pipeline;

/// <summary>Sinks that block their thread, run out of room or keep one prediction per id: the worker goes on and counts exactly.</summary>
public class SinkWriteAccountingTests
{
    private static void ShouldBeExact(MonitoringStatistics statistics) =>
        (statistics.Stored + statistics.Buffered + statistics.Dropped).ShouldBe(statistics.Received);

    [Fact]
    public async Task SinkBlockingItsThreadSynchronously_IsAbandonedAtTheSinkTimeout_AndTheWorkerGoesOn()
    {
        await using var test = Create(o => o.MaxBatchSize = 50);
        test.Sink.Block();
        RecordMany(test.Pipeline.GetMonitor("m"), 100);

        var flushed = await test.AdvanceUntilAsync(test.Pipeline.FlushAsync(), Step, maxSteps: 2_000);
        var statistics = test.Pipeline.GetStatistics();

        flushed.ShouldBeFalse();
        test.Logs.Lines.ShouldContain(l => l.Contains("was abandoned", StringComparison.Ordinal));
        statistics.GetDropped(DropReason.SinkFailure).ShouldBe(100);
        statistics.Buffered.ShouldBe(0);
        ShouldBeExact(statistics);
    }

    [Fact]
    public async Task SinkBlockingItsThreadSynchronously_AtShutdown_EveryRecordIsCountedAsShutdownTimeout()
    {
        var test = Create(o => o.MaxBatchSize = 50);
        try
        {
            test.Sink.Block();
            RecordMany(test.Pipeline.GetMonitor("m"), 100);

            // Small steps: the worker needs a few real milliseconds to unwind between its deadline and the shutdown timeout.
            await test.AdvanceUntilAsync(test.Pipeline.DisposeAsync().AsTask(), TimeSpan.FromMilliseconds(5));
            var statistics = test.Pipeline.GetStatistics();

            statistics.Buffered.ShouldBe(0);
            statistics.Stored.ShouldBe(0);
            statistics.GetDropped(DropReason.ShutdownTimeout).ShouldBe(100);
            ShouldBeExact(statistics);
        }
        finally
        {
            test.Sink.Unblock();
        }
    }

    [Fact]
    public async Task WriteAbandonedAtShutdown_ThatFinishesLater_IsCountedAsStoredInstead()
    {
        var test = Create();
        test.Sink.Block();
        RecordMany(test.Pipeline.GetMonitor("m"), 10);
        await test.AdvanceUntilAsync(test.Pipeline.DisposeAsync().AsTask(), TimeSpan.FromMilliseconds(5));
        var atShutdown = test.Pipeline.GetStatistics();
        var stored = test.Logs.WhenLogged("finished after all");

        test.Sink.Unblock();
        await stored;
        var later = test.Pipeline.GetStatistics();

        atShutdown.GetDropped(DropReason.ShutdownTimeout).ShouldBe(10);
        test.Sink.Predictions.Count.ShouldBe(10);
        later.Stored.ShouldBe(10);
        later.Dropped.ShouldBe(0);
        ShouldBeExact(later);
    }

    [Fact]
    public async Task BatchLargerThanTheRoomLeft_IsRetriedInParts_AndWhatFitsIsStored()
    {
        await using var test = Create(o => o.MaxBatchSize = 100);
        test.Sink.MaxRecordsPerWrite = 30;
        RecordMany(test.Pipeline.GetMonitor("m"), 100);

        var flushed = await test.AdvanceUntilAsync(test.Pipeline.FlushAsync(), Step);

        flushed.ShouldBeTrue();
        test.Sink.Predictions.Select(p => p.NumericFeatures.Span[0]).Order().ShouldBe(Enumerable.Range(0, 100).Select(i => (double)i));
        var statistics = test.Pipeline.GetStatistics();
        statistics.Stored.ShouldBe(100);
        statistics.Dropped.ShouldBe(0);
    }

    [Fact]
    public async Task StoreFullForAWhile_CountsWhatDidNotFit_AndStoresWholeBatchesOnceRoomReturns()
    {
        await using var test = Create(o => o.MaxBatchSize = 64);
        var monitor = test.Pipeline.GetMonitor("m");
        test.Sink.MaxRecordsPerWrite = 0;
        RecordMany(monitor, 64);
        (await test.AdvanceUntilAsync(test.Pipeline.FlushAsync(), Step)).ShouldBeFalse();

        test.Sink.MaxRecordsPerWrite = int.MaxValue;
        RecordMany(monitor, 200);
        var flushed = await test.AdvanceUntilAsync(test.Pipeline.FlushAsync(), Step);

        flushed.ShouldBeTrue();
        var statistics = test.Pipeline.GetStatistics();
        statistics.GetDropped(DropReason.SinkFailure).ShouldBe(64);
        statistics.Stored.ShouldBe(200);
        test.Sink.Predictions.Count.ShouldBe(200);
        ShouldBeExact(statistics);
    }

    [Fact]
    public async Task SinkFailingForAnotherReason_IsRetriedWhole_NotInParts()
    {
        await using var test = Create();
        test.Sink.Fail = true;
        RecordMany(test.Pipeline.GetMonitor("m"), 10);

        (await test.AdvanceUntilAsync(test.Pipeline.FlushAsync(), Step)).ShouldBeFalse();

        test.Sink.WriteAttempts.ShouldBe(4);
        test.Pipeline.GetStatistics().GetDropped(DropReason.SinkFailure).ShouldBe(10);
    }

    [Fact]
    public async Task RepeatedPredictionId_KeptOnceByTheSink_IsCountedAsDuplicateIdNotStored()
    {
        await using var test = Create();
        test.Sink.KeepFirstPerId = true;
        var monitor = test.Pipeline.GetMonitor("m");
        var id = PredictionId.FromGuid(Guid.NewGuid());

        for (var i = 0; i < 3; i++)
        {
            monitor.RecordPrediction(new Prediction { Id = id, NumericFeatures = [i] });
        }

        monitor.RecordPrediction(new Prediction { NumericFeatures = [9] });
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        monitor.RecordPrediction(new Prediction { Id = id, NumericFeatures = [10] });
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        var statistics = test.Pipeline.GetStatistics();

        test.Sink.Predictions.Count.ShouldBe(2);
        statistics.Stored.ShouldBe(2);
        statistics.GetDropped(DropReason.DuplicateId).ShouldBe(3);
        ShouldBeExact(statistics);
        test.Logs.Lines.Count(l => l.Contains("counted as DuplicateId", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task RecordsTheStoreRefuses_AreFoundByHalving_AtOnce_AndOnlyThoseAreDropped()
    {
        await using var test = Create(o => o.MaxBatchSize = 1_024);
        test.Sink.Refuses = p => p.NumericFeatures.Span[0] is 137 or 900;
        RecordMany(test.Pipeline.GetMonitor("m"), 1_000);

        // No clock advance: a refusal is not waited out, so the flush needs no back-off to complete.
        var flushed = await test.Pipeline.FlushAsync();
        var statistics = test.Pipeline.GetStatistics();

        flushed.ShouldBeFalse();
        test.Sink.Predictions.Select(p => p.NumericFeatures.Span[0]).Order().ShouldBe(Enumerable.Range(0, 1_000).Where(i => i is not (137 or 900)).Select(i => (double)i));
        statistics.Stored.ShouldBe(998);
        statistics.GetDropped(DropReason.Rejected).ShouldBe(2);
        statistics.Dropped.ShouldBe(2);
        ShouldBeExact(statistics);

        // Two refused records in 1,000: two searches of about 2·log2(1,000) writes each, far fewer than one per record.
        test.Sink.WriteAttempts.ShouldBeLessThanOrEqualTo(1 + (2 * 2 * 10));
        test.Logs.Lines.Count(l => l.Contains("refused 2 records", StringComparison.Ordinal)).ShouldBe(1);
        test.Logs.Lines.ShouldNotContain(l => l.Contains("failed to write", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AStoreRefusingEveryRecord_DropsEachAsRejected_AndTheNextBatchIsWrittenWhole()
    {
        await using var test = Create(o => o.MaxBatchSize = 64);
        var monitor = test.Pipeline.GetMonitor("m");
        test.Sink.Refuses = _ => true;
        RecordMany(monitor, 8);
        (await test.Pipeline.FlushAsync()).ShouldBeFalse();
        var attempts = test.Sink.WriteAttempts;

        test.Sink.Refuses = null;
        RecordMany(monitor, 8);
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        var statistics = test.Pipeline.GetStatistics();

        statistics.GetDropped(DropReason.Rejected).ShouldBe(8);
        statistics.Stored.ShouldBe(8);
        ShouldBeExact(statistics);
        attempts.ShouldBe(1 + 2 + 4 + 8); // halved down to each record, each written once
        test.Sink.WriteAttempts.ShouldBe(attempts + 1);
    }

    [Fact]
    public async Task AStoreRefusingMuchOfABatch_EndsTheSearch_AndGivesUpTheRefusedPartsWhole()
    {
        await using var test = Create(o => o.MaxBatchSize = 1_024);
        test.Sink.Refuses = p => p.NumericFeatures.Span[0] % 2 == 0;
        RecordMany(test.Pipeline.GetMonitor("m"), 1_024);

        (await test.Pipeline.FlushAsync()).ShouldBeFalse();
        var statistics = test.Pipeline.GetStatistics();

        // Every even record refused: the search ends after at most 256 writes instead of two per record (2,047 for 1,024),
        // and what is still refused then is given up whole, counted as Rejected; nothing refused is stored.
        test.Sink.WriteAttempts.ShouldBeLessThanOrEqualTo(1 + 256);
        statistics.GetDropped(DropReason.Rejected).ShouldBeGreaterThanOrEqualTo(512);
        (statistics.Stored + statistics.GetDropped(DropReason.Rejected)).ShouldBe(1_024);
        test.Sink.Predictions.Count(p => p.NumericFeatures.Span[0] % 2 == 0).ShouldBe(0);
        ShouldBeExact(statistics);
    }
}
