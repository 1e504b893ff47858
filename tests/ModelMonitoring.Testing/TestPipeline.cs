using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ModelMonitoring.Testing;

/// <summary>Builds a standalone pipeline on a fake clock with a recording sink, channel and log capture.</summary>
public sealed class TestPipeline : IAsyncDisposable
{
    private TestPipeline(MonitoringPipeline pipeline, FakeTimeProvider clock, RecordingSink sink, RecordingAlertChannel channel, CapturingLoggerProvider logs)
    {
        Pipeline = pipeline;
        Clock = clock;
        Sink = sink;
        Channel = channel;
        Logs = logs;
    }

    public MonitoringPipeline Pipeline { get; }

    public FakeTimeProvider Clock { get; }

    public RecordingSink Sink { get; }

    public RecordingAlertChannel Channel { get; }

    public CapturingLoggerProvider Logs { get; }

    public static TestPipeline Create(Action<ModelMonitoringOptions> configure, Action<IModelMonitoringBuilder>? extra = null, FakeTimeProvider? clock = null)
    {
        clock ??= new FakeTimeProvider(TestClock.DefaultStart);
        var sink = new RecordingSink();
        var channel = new RecordingAlertChannel();
        var logs = new CapturingLoggerProvider();
        var pipeline = MonitoringPipeline.Create(builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(clock);
            builder.Services.AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
            // Sink writes run on the thread pool and are timed on the fake clock: a test that advances the clock
            // further than SinkTimeout while a write runs would see it abandoned. Tests about sink timeouts set their own.
            builder.Configure(o => o.SinkTimeout = TimeSpan.FromHours(1));
            builder.Configure(configure).AddSink(sink).AddAlertChannel(channel);
            extra?.Invoke(builder);
        });
        return new TestPipeline(pipeline, clock, sink, channel, logs);
    }

    /// <summary>
    /// Runs a task that waits on fake-clock timers: advances the clock a step at a time until the task
    /// completes. Between steps it gives the worker up to a millisecond of real time to reach its next
    /// timer; that paces the pump and is never measured (assertions are on the fake clock only).
    /// </summary>
    public async Task<T> AdvanceUntilAsync<T>(Task<T> task, TimeSpan step, int maxSteps = 100_000)
    {
        await AdvanceUntilAsync((Task)task, step, maxSteps);
        return await task;
    }

    public async Task AdvanceUntilAsync(Task task, TimeSpan step, int maxSteps = 100_000)
    {
        for (var steps = 0; !task.IsCompleted; steps++)
        {
            if (steps == maxSteps)
            {
                throw new TimeoutException($"The task did not complete within {maxSteps} steps of {step} on the fake clock.");
            }

            Clock.Advance(step);
            await Task.WhenAny(task, Task.Delay(1));
        }

        await task;
    }

    /// <summary>Lets a failed test end: a sink left failing or hanging would hold shutdown on a clock that no longer moves.</summary>
    public ValueTask DisposeAsync()
    {
        Sink.Fail = false;
        Sink.ReleaseHang();
        Sink.Unblock();
        return Pipeline.DisposeAsync();
    }
}
