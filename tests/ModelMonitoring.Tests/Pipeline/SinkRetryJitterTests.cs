using Microsoft.Extensions.Logging.Abstractions;
using ModelMonitoring.Pipeline;
using ModelMonitoring.Storage;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Pipeline;

public class SinkRetryJitterTests
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan SinkTimeout = TimeSpan.FromHours(1);

    [Fact]
    public async Task RetryDelays_OfTwoPipelinesWithDifferentRandomSources_DifferAndStayBetweenHalfAndAllOfTheExponentialDelay()
    {
        var first = await RetryDelaysAsync(seed: 1);
        var second = await RetryDelaysAsync(seed: 2);

        first.Count.ShouldBe(4);
        second.Count.ShouldBe(4);
        first.ShouldNotBe(second);
        for (var retry = 0; retry < 4; retry++)
        {
            var exponential = FirstDelay * Math.Pow(2, retry);
            first[retry].ShouldBeInRange(exponential / 2, exponential);
            second[retry].ShouldBeInRange(exponential / 2, exponential);
            first[retry].ShouldNotBe(second[retry]);
        }
    }

    [Fact]
    public async Task RetryDelays_WithTheSameRandomSource_AreTheSame()
    {
        (await RetryDelaysAsync(seed: 7)).ShouldBe(await RetryDelaysAsync(seed: 7));
    }

    [Fact]
    public void Apply_AtTheEndsOfTheRandomRange_GivesHalfAndAllOfTheDelay()
    {
        var delay = TimeSpan.FromSeconds(30);

        RetryJitter.Apply(delay, new FixedRandom(0)).ShouldBe(delay / 2);
        RetryJitter.Apply(delay, new FixedRandom(0.999999)).ShouldBeInRange(delay * 0.9999, delay);
    }

    private static async Task<List<TimeSpan>> RetryDelaysAsync(int seed)
    {
        var clock = new TimerRecordingClock(TestClock.DefaultStart);
        var sink = new RecordingSink { Fail = true };
        var options = new ModelMonitoringOptions { SinkRetryCount = 4, SinkRetryDelay = FirstDelay, SinkTimeout = SinkTimeout };
        var writer = new SinkWriter([sink], options, clock, NullLogger.Instance, new Random(seed));
        var batch = new MonitoringBatch(new ModelSchema("m", "1", "test", ["a"], []), new[] { new PredictionRecord { Timestamp = TestClock.DefaultStart, NumericFeatures = new[] { 1.0 } } });

        var write = writer.WriteAsync(batch, recordCount: 1, recordedMetrics: 0, CancellationToken.None);
        while (!write.IsCompleted)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            await Task.WhenAny(write, Task.Delay(1));
        }

        (await write).Complete.ShouldBeFalse();
        sink.WriteAttempts.ShouldBe(5);

        // The sink timeout's timers are the writes' deadlines, not back-off.
        return [.. clock.DueTimes.Where(d => d != SinkTimeout)];
    }

    private sealed class TimerRecordingClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly List<TimeSpan> _dueTimes = [];

        public IReadOnlyList<TimeSpan> DueTimes
        {
            get
            {
                lock (_dueTimes)
                {
                    return [.. _dueTimes];
                }
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            lock (_dueTimes)
            {
                _dueTimes.Add(dueTime);
            }

            return base.CreateTimer(callback, state, dueTime, period);
        }
    }

    private sealed class FixedRandom(double value) : Random
    {
        public override double NextDouble() => value;
    }
}
