using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Recording;

/// <summary>
/// <see cref="ModelMonitorTimingExtensions"/>: the model call is timed on the pipeline's clock, its outcome
/// recorded through the mapping, and its exception rethrown as it was.
/// </summary>
public sealed class TimedPredictionTests
{
    private static readonly PredictionMapping<Call, Score> Map = static (call, outcome) => new Prediction
    {
        NumericFeatures = call.Features,
        PredictedClass = outcome.Succeeded ? outcome.Result.Label : null,
        Confidence = outcome.Succeeded ? outcome.Result.Confidence : null,
    };

    private static TestPipeline Create() => TestPipeline.Create(o => o.AddModel("m", m => m.NumericFeatures("a", "b")));

    [Fact]
    public async Task Predict_Success_RecordsTheFakeClocksLatencyAndTheMappedPrediction()
    {
        await using var test = Create();
        var call = new Call(test.Clock, [1, 2], TimeSpan.FromMilliseconds(42), null);

        var score = test.Pipeline.GetMonitor("m").Predict(call, static c => c.Run(), Map);
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        score.ShouldBe(new Score("fraud", 0.75));
        var stored = test.Sink.Predictions.ShouldHaveSingleItem();
        stored.Latency.ShouldBe(TimeSpan.FromMilliseconds(42));
        stored.Status.ShouldBe(PredictionStatus.Success);
        stored.ErrorKind.ShouldBeNull();
        stored.PredictedClass.ShouldBe("fraud");
        stored.Confidence.ShouldBe(0.75);
        stored.NumericFeatures.ToArray().ShouldBe([1.0, 2.0]);
    }

    [Fact]
    public async Task Predict_ModelThrows_RecordsTheTypeNameAndRethrowsTheSameInstance()
    {
        await using var test = Create();
        var thrown = new TimeoutException("model server did not answer");
        var call = new Call(test.Clock, [1, 2], TimeSpan.FromMilliseconds(7), thrown);

        var caught = Should.Throw<TimeoutException>(() => test.Pipeline.GetMonitor("m").Predict(call, static c => c.Run(), Map));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        caught.ShouldBeSameAs(thrown);
        caught.StackTrace.ShouldNotBeNull().ShouldContain(nameof(Call.Run));
        var stored = test.Sink.Predictions.ShouldHaveSingleItem();
        stored.Status.ShouldBe(PredictionStatus.Error);
        stored.ErrorKind.ShouldBe(nameof(TimeoutException));
        stored.Latency.ShouldBe(TimeSpan.FromMilliseconds(7));
        stored.PredictedClass.ShouldBeNull();
        stored.NumericFeatures.ToArray().ShouldBe([1.0, 2.0]);
    }

    [Fact]
    public async Task Predict_MappingSetsErrorAfterAResult_KeepsTheMappingsStatus()
    {
        await using var test = Create();
        var call = new Call(test.Clock, [1, 2], TimeSpan.FromMilliseconds(3), null);

        test.Pipeline.GetMonitor("m").Predict(call, static c => c.Run(), static (c, _) => new Prediction
        {
            NumericFeatures = c.Features,
            Status = PredictionStatus.Error,
            ErrorKind = "EmptyOutput",
        });
        await test.Pipeline.FlushAsync();

        var stored = test.Sink.Predictions.ShouldHaveSingleItem();
        stored.Status.ShouldBe(PredictionStatus.Error);
        stored.ErrorKind.ShouldBe("EmptyOutput");
        stored.Latency.ShouldBe(TimeSpan.FromMilliseconds(3));
    }

    [Fact]
    public async Task PredictAsync_CompletesLater_RecordsTheLatencyUntilCompletion()
    {
        await using var test = Create();
        var completion = new TaskCompletionSource<Score>(TaskCreationOptions.RunContinuationsAsynchronously);
        var call = new Call(test.Clock, [3, 4], TimeSpan.Zero, null) { Pending = completion.Task };

        var pending = test.Pipeline.GetMonitor("m").PredictAsync(call, static (c, _) => new ValueTask<Score>(c.Pending!), Map);
        pending.IsCompleted.ShouldBeFalse();
        test.Clock.Advance(TimeSpan.FromMilliseconds(120));
        completion.SetResult(new Score("legit", 0.5));
        var score = await pending;
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        score.Label.ShouldBe("legit");
        var stored = test.Sink.Predictions.ShouldHaveSingleItem();
        stored.Latency.ShouldBe(TimeSpan.FromMilliseconds(120));
        stored.PredictedClass.ShouldBe("legit");
        stored.Confidence.ShouldBe(0.5);
        stored.NumericFeatures.ToArray().ShouldBe([3.0, 4.0]);
    }

    [Fact]
    public async Task PredictAsync_ModelFaultsLater_RecordsTheErrorAndRethrowsTheSameInstance()
    {
        await using var test = Create();
        var completion = new TaskCompletionSource<Score>(TaskCreationOptions.RunContinuationsAsynchronously);
        var call = new Call(test.Clock, [3, 4], TimeSpan.Zero, null) { Pending = completion.Task };
        var thrown = new InvalidOperationException("model not loaded");

        var pending = test.Pipeline.GetMonitor("m").PredictAsync(call, static (c, _) => new ValueTask<Score>(c.Pending!), Map);
        test.Clock.Advance(TimeSpan.FromMilliseconds(9));
        completion.SetException(thrown);
        var caught = await Should.ThrowAsync<InvalidOperationException>(pending.AsTask());
        await test.Pipeline.FlushAsync();

        caught.ShouldBeSameAs(thrown);
        var stored = test.Sink.Predictions.ShouldHaveSingleItem();
        stored.Status.ShouldBe(PredictionStatus.Error);
        stored.ErrorKind.ShouldBe(nameof(InvalidOperationException));
        stored.Latency.ShouldBe(TimeSpan.FromMilliseconds(9));
    }

    [Fact]
    public async Task PredictAsync_CallerCancels_RethrowsAndRecordsNothing()
    {
        await using var test = Create();
        using var cancellation = new CancellationTokenSource();
        var call = new Call(test.Clock, [1, 2], TimeSpan.Zero, null);

        var pending = test.Pipeline.GetMonitor("m").PredictAsync(
            call,
            static async (c, token) =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
                return c.Run();
            },
            Map,
            cancellation.Token);
        await cancellation.CancelAsync();
        var caught = await Should.ThrowAsync<OperationCanceledException>(pending.AsTask());
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        caught.CancellationToken.ShouldBe(cancellation.Token);
        test.Sink.Predictions.ShouldBeEmpty();
        test.Pipeline.GetStatistics().GetDropped(DropReason.InvalidValue).ShouldBe(0);
    }

    [Fact]
    public async Task PredictAsync_AlreadyCancelledTokenThrownBeforeATask_ComesThroughTheTaskAndIsNotRecorded()
    {
        await using var test = Create();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var call = new Call(test.Clock, [1, 2], TimeSpan.Zero, null);

        var pending = test.Pipeline.GetMonitor("m").PredictAsync(
            call,
            static (c, token) =>
            {
                token.ThrowIfCancellationRequested();
                return new ValueTask<Score>(c.Run());
            },
            Map,
            cancellation.Token);
        await Should.ThrowAsync<OperationCanceledException>(pending.AsTask());
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        test.Sink.Predictions.ShouldBeEmpty();
    }

    [Fact]
    public async Task PredictAsync_CancelledInsideTheModel_IsRecordedAsAnError()
    {
        await using var test = Create();
        var call = new Call(test.Clock, [1, 2], TimeSpan.FromMilliseconds(30), new TaskCanceledException("HTTP request timed out"));

        await Should.ThrowAsync<TaskCanceledException>(test.Pipeline.GetMonitor("m").PredictAsync(call, static (c, _) => new ValueTask<Score>(c.Run()), Map).AsTask());
        await test.Pipeline.FlushAsync();

        var stored = test.Sink.Predictions.ShouldHaveSingleItem();
        stored.Status.ShouldBe(PredictionStatus.Error);
        stored.ErrorKind.ShouldBe(nameof(TaskCanceledException));
        stored.Latency.ShouldBe(TimeSpan.FromMilliseconds(30));
    }

    [Fact]
    public async Task Predict_MappingThrowsAfterAModelException_TheModelsExceptionIsRethrown()
    {
        await using var test = Create();
        var thrown = new TimeoutException();
        var call = new Call(test.Clock, [1, 2], TimeSpan.Zero, thrown);

        var caught = Should.Throw<TimeoutException>(() => test.Pipeline.GetMonitor("m").Predict<Call, Score>(
            call, static c => c.Run(), static (_, _) => throw new FormatException("bad mapping")));
        await test.Pipeline.FlushAsync();

        caught.ShouldBeSameAs(thrown);
        test.Sink.Predictions.ShouldBeEmpty();
    }

    [Fact]
    public async Task PredictAndPredictAsync_WarmedUp_AllocateNothingOnTheSuccessPath()
    {
        await using var test = TestPipeline.Create(o =>
        {
            // As RecordingAllocationTests: shards and batches larger than what is recorded keep the worker's wake-up out of the measurement.
            o.BufferCapacity = 1 << 18;
            o.MaxBatchSize = 65_536;
            o.AddModel("m", m => m.NumericFeatures("a", "b", "c", "d", "e"));
        });

        var allocated = await Task.Factory.StartNew(() => RecordTwice(test), TaskCreationOptions.LongRunning);

        allocated.ShouldBe(0);
        var statistics = test.Pipeline.GetStatistics();
        statistics.GetDropped(DropReason.BufferFull).ShouldBe(0);
        statistics.GetDropped(DropReason.InvalidValue).ShouldBe(0);
    }

    private static long RecordTwice(TestPipeline test)
    {
        var monitor = test.Pipeline.GetMonitor("m");
        var input = new Input([1, 2, 3, 4, 5], new Score("yes", 0.9));
        Record(monitor, input);
        test.Pipeline.FlushAsync().GetAwaiter().GetResult().ShouldBeTrue();
        test.Sink.Predictions.Count.ShouldBe(2 * 2_000);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Record(monitor, input);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static void Record(IModelMonitor monitor, Input input)
    {
        for (var i = 0; i < 2_000; i++)
        {
            monitor.Predict(input, static s => s.Output, static (s, o) => new Prediction { NumericFeatures = s.Features, PredictedClass = o.Result.Label, Confidence = o.Result.Confidence });
            var pending = monitor.PredictAsync(input, static (s, _) => new ValueTask<Score>(s.Output), static (s, o) => new Prediction { NumericFeatures = s.Features, PredictedClass = o.Result.Label, Confidence = o.Result.Confidence });
            pending.IsCompletedSuccessfully.ShouldBeTrue();
        }
    }

    private readonly record struct Score(string Label, double Confidence);

    private readonly record struct Input(double[] Features, Score Output);

    /// <summary>A model call that takes <see cref="Duration"/> on the fake clock, then returns a score or throws.</summary>
    private sealed record Call(FakeTimeProvider Clock, double[] Features, TimeSpan Duration, Exception? Failure)
    {
        public Task<Score>? Pending { get; init; }

        public Score Run()
        {
            Clock.Advance(Duration);
            return Failure is null ? new Score("fraud", 0.75) : throw Failure;
        }
    }
}
