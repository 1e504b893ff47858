using ModelMonitoring.Recording;
using static ModelMonitoring.Tests.Pipeline.SinkScenario;

namespace ModelMonitoring.Tests.Pipeline;

public class SinkFailureTests
{
    [Fact]
    public async Task ThrowingSink_RetriesThenDropsBatchAsSinkFailure_AndNothingReachesTheCaller()
    {
        await using var test = Create();
        test.Sink.Fail = true;
        RecordMany(test.Pipeline.GetMonitor("m"), 10);

        var flushed = await test.AdvanceUntilAsync(test.Pipeline.FlushAsync(), Step);

        flushed.ShouldBeFalse();
        test.Sink.WriteAttempts.ShouldBe(4);
        var statistics = test.Pipeline.GetStatistics();
        statistics.GetDropped(DropReason.SinkFailure).ShouldBe(10);
        (statistics.Stored + statistics.Buffered + statistics.Dropped).ShouldBe(statistics.Received);
        test.Logs.Lines.Count(l => l.Contains("failed to write a batch", StringComparison.Ordinal)).ShouldBe(4);
        test.Logs.Lines.ShouldContain(l => l.Contains("Dropped a batch of 10 records", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThrowingSink_ThatRecoversWithinRetries_StoresEverything()
    {
        await using var test = Create();
        test.Sink.Fail = true;
        RecordMany(test.Pipeline.GetMonitor("m"), 10);

        var flush = test.Pipeline.FlushAsync();
        test.Clock.Advance(TimeSpan.FromMilliseconds(100));
        test.Sink.Fail = false;

        (await test.AdvanceUntilAsync(flush, Step)).ShouldBeTrue();
        test.Sink.Predictions.Count.ShouldBe(10);
        test.Pipeline.GetStatistics().Dropped.ShouldBe(0);
    }

    [Fact]
    public async Task WorkerRecovers_AfterSinkComesBack()
    {
        await using var test = Create();
        var monitor = test.Pipeline.GetMonitor("m");
        test.Sink.Fail = true;
        RecordMany(monitor, 5);
        (await test.AdvanceUntilAsync(test.Pipeline.FlushAsync(), Step)).ShouldBeFalse();

        test.Sink.Fail = false;
        RecordMany(monitor, 7);
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        test.Sink.Predictions.Count.ShouldBe(7);
        var statistics = test.Pipeline.GetStatistics();
        statistics.Stored.ShouldBe(7);
        statistics.GetDropped(DropReason.SinkFailure).ShouldBe(5);
    }

    [Fact]
    public async Task HangingSink_FlushReturnsFalseAtItsTimeout()
    {
        await using var test = Create(o =>
        {
            o.SinkTimeout = TimeSpan.FromMinutes(5);
            o.FlushTimeout = TimeSpan.FromSeconds(10);
        });
        test.Sink.Hang = true;
        RecordMany(test.Pipeline.GetMonitor("m"), 3);
        var started = test.Clock.GetUtcNow();

        var flushed = await test.AdvanceUntilAsync(test.Pipeline.FlushAsync(), Step);

        flushed.ShouldBeFalse();
        (test.Clock.GetUtcNow() - started).ShouldBeInRange(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10) + Step);
        test.Sink.ReleaseHang();
    }

    [Fact]
    public async Task HangingSink_WriteIsAbandonedAtSinkTimeout_AndTheSinkIsNotCalledAgainUntilItAnswers()
    {
        await using var test = Create();
        var monitor = test.Pipeline.GetMonitor("m");
        test.Sink.Hang = true;
        RecordMany(monitor, 3);

        var hung = await test.AdvanceUntilAsync(test.Pipeline.FlushAsync(), Step);
        var whileHung = test.Pipeline.GetStatistics();
        test.Sink.ReleaseHang();
        RecordMany(monitor, 2);
        var flushed = await test.AdvanceUntilAsync(test.Pipeline.FlushAsync(), Step);

        hung.ShouldBeFalse();
        whileHung.GetDropped(DropReason.SinkFailure).ShouldBe(3);
        test.Logs.Lines.ShouldContain(l => l.Contains("was abandoned", StringComparison.Ordinal));
        flushed.ShouldBeTrue();
        test.Sink.WriteAttempts.ShouldBe(2);
        test.Sink.Predictions.Count.ShouldBe(5);
        var statistics = test.Pipeline.GetStatistics();
        statistics.Stored.ShouldBe(5);
        statistics.Dropped.ShouldBe(0);
        test.Logs.Lines.ShouldContain(l => l.Contains("finished after all", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HangingSink_DisposeReturnsAtShutdownTimeout_AndCountsWhatWasNotWritten()
    {
        var test = Create(o => o.SinkTimeout = TimeSpan.FromMinutes(5));
        test.Sink.Hang = true;
        RecordMany(test.Pipeline.GetMonitor("m"), 4);
        var started = test.Clock.GetUtcNow();

        await test.AdvanceUntilAsync(test.Pipeline.DisposeAsync().AsTask(), Step);

        (test.Clock.GetUtcNow() - started).ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(5) + Step);
        var statistics = test.Pipeline.GetStatistics();
        statistics.GetDropped(DropReason.ShutdownTimeout).ShouldBe(4);
        (statistics.Stored + statistics.Buffered + statistics.Dropped).ShouldBe(statistics.Received);
        test.Sink.ReleaseHang();
    }
}
