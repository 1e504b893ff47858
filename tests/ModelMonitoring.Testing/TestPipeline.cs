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
        clock ??= new FakeTimeProvider();
        var sink = new RecordingSink();
        var channel = new RecordingAlertChannel();
        var logs = new CapturingLoggerProvider();
        var pipeline = MonitoringPipeline.Create(builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(clock);
            builder.Services.AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
            builder.Configure(configure).AddSink(sink).AddAlertChannel(channel);
            extra?.Invoke(builder);
        });
        return new TestPipeline(pipeline, clock, sink, channel, logs);
    }

    /// <summary>Runs a task that waits on fake-clock timers, advancing the clock in steps until it completes (bounded).</summary>
    public async Task<T> AdvanceUntilAsync<T>(Task<T> task, TimeSpan step, int maxSteps = 10_000)
    {
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            Clock.Advance(step);
            await Task.Yield();
        }

        return await task;
    }

    public async Task AdvanceUntilAsync(Task task, TimeSpan step, int maxSteps = 10_000)
    {
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            Clock.Advance(step);
            await Task.Yield();
        }

        await task;
    }

    public ValueTask DisposeAsync() => Pipeline.DisposeAsync();
}
