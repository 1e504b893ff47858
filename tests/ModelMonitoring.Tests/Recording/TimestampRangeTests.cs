using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;
using ModelMonitoring.Configuration;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Recording;

/// <summary>
/// The accepted range of record times (not before the Unix epoch, at most MaxLateness before the
/// clock, at most MaxClockSkew after it) and of latencies (0 to MaxLatency), and why it exists:
/// one far-future time used to stop window metrics and alerts for good.
/// </summary>
public class TimestampRangeTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static TestPipeline Create(Action<ModelMonitoringOptions>? options = null, Action<ModelOptions>? model = null, DateTimeOffset? start = null) => TestPipeline.Create(
        o =>
        {
            o.AggregationWindow = TimeSpan.FromMinutes(1);
            o.FlushInterval = TimeSpan.FromSeconds(1);
            o.AddModel("m", m =>
            {
                m.NumericFeatures("a", "b", "c", "d");
                model?.Invoke(m);
            });
            options?.Invoke(o);
        },
        clock: new FakeTimeProvider(start ?? Now));

    private static PredictionId RecordAt(TestPipeline test, DateTimeOffset? at, TimeSpan latency = default, PredictionStatus status = PredictionStatus.Success) =>
        test.Pipeline.GetMonitor("m").RecordPrediction(new Prediction { NumericFeatures = [1, 2, 3, 4], Timestamp = at, Latency = latency, Status = status });

    private static Dictionary<string, double> WindowValues(TestPipeline test, DateTimeOffset windowStart) =>
        test.Sink.Metrics.Where(m => m.WindowStart == windowStart).ToDictionary(m => m.Name, m => m.Value);

    private static async Task CloseWindowAsync(TestPipeline test)
    {
        test.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
    }

    /// <summary>Ten predictions in the current window, half of them errors: error_rate 0.5 breaks a maximum of 0.1.</summary>
    private static void RecordFailingWindow(TestPipeline test)
    {
        for (var i = 0; i < 10; i++)
        {
            RecordAt(test, null, TimeSpan.FromMilliseconds(5), i < 5 ? PredictionStatus.Error : PredictionStatus.Success).IsEmpty.ShouldBeFalse();
        }
    }

    [Fact]
    public async Task MaxValueTimestamp_IsRejected_AndWindowMetricsAndThresholdAlertsCarryOn()
    {
        await using var test = Create(model: m => m.Threshold(WindowMetricNames.ErrorRate, t => t.Max = 0.1));

        var rejected = RecordAt(test, DateTimeOffset.MaxValue);
        RecordFailingWindow(test);
        await CloseWindowAsync(test);
        RecordFailingWindow(test);
        await CloseWindowAsync(test);

        rejected.ShouldBe(PredictionId.Empty);
        WindowValues(test, Now)[WindowMetricNames.PredictionCount].ShouldBe(10);
        WindowValues(test, Now.AddMinutes(1))[WindowMetricNames.PredictionCount].ShouldBe(10);
        var alert = test.Channel.Alerts.ShouldHaveSingleItem();
        alert.Name.ShouldBe("threshold.error_rate");
        alert.State.ShouldBe(AlertState.Firing);
        var statistics = test.Pipeline.GetStatistics();
        statistics.GetDropped(DropReason.TimestampOutOfRange).ShouldBe(1);
        statistics.Received.ShouldBe(statistics.Stored + statistics.Buffered + statistics.Dropped);
    }

    [Fact]
    public async Task SixtyFourPredictionsDated2100_AreRejectedAndCounted_AndAggregationContinues()
    {
        await using var test = Create(model: m => m.Threshold(WindowMetricNames.ErrorRate, t => t.Max = 0.1));
        var year2100 = new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var ids = Enumerable.Range(0, 64).Select(i => RecordAt(test, year2100.AddMinutes(i))).ToArray();
        RecordFailingWindow(test);
        await CloseWindowAsync(test);

        ids.ShouldAllBe(id => id.IsEmpty);
        var statistics = test.Pipeline.GetStatistics();
        statistics.GetDropped(DropReason.TimestampOutOfRange).ShouldBe(64);
        statistics.Stored.ShouldBe(10);
        statistics.NotAggregated.ShouldBe(0);
        WindowValues(test, Now)[WindowMetricNames.ErrorRate].ShouldBe(0.5);
        test.Channel.Alerts.ShouldHaveSingleItem().State.ShouldBe(AlertState.Firing);
    }

    [Fact]
    public async Task FutureTimes_AreAcceptedUpToTheClockSkew()
    {
        await using var test = Create();

        // The cached clock lags by up to TimestampResolution (10 ms), which the skew allows for.
        var latest = Now + AcceptedRanges.DefaultMaxClockSkew + TimeSpan.FromMilliseconds(10);
        var atSkew = RecordAt(test, latest);
        var pastSkew = RecordAt(test, latest + TimeSpan.FromTicks(1));
        var year3000 = RecordAt(test, new DateTimeOffset(3000, 1, 1, 0, 0, 0, TimeSpan.Zero));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        atSkew.IsEmpty.ShouldBeFalse();
        pastSkew.IsEmpty.ShouldBeTrue();
        year3000.IsEmpty.ShouldBeTrue();
        test.Sink.Predictions.ShouldHaveSingleItem().Timestamp.ShouldBe(latest);
        test.Pipeline.GetStatistics().GetDropped(DropReason.TimestampOutOfRange).ShouldBe(2);
    }

    [Fact]
    public async Task PastTimes_AreAcceptedUpToTheLateness()
    {
        await using var test = Create();

        var atLateness = RecordAt(test, Now - TimeSpan.FromDays(7));
        var pastLateness = RecordAt(test, Now - TimeSpan.FromDays(7) - TimeSpan.FromTicks(1));
        var year1 = RecordAt(test, new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var minValue = RecordAt(test, DateTimeOffset.MinValue);
        var epoch = RecordAt(test, DateTimeOffset.UnixEpoch);
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        atLateness.IsEmpty.ShouldBeFalse();
        new[] { pastLateness, year1, minValue, epoch }.ShouldAllBe(id => id.IsEmpty);
        test.Sink.Predictions.ShouldHaveSingleItem().Timestamp.ShouldBe(Now.AddDays(-7));
        test.Pipeline.GetStatistics().GetDropped(DropReason.TimestampOutOfRange).ShouldBe(4);
    }

    [Fact]
    public async Task TheUnixEpoch_IsTheEarliestTime_HoweverLongTheLateness()
    {
        await using var test = Create(o => o.MaxLateness = TimeSpan.FromDays(36_500));

        var epoch = RecordAt(test, DateTimeOffset.UnixEpoch);
        var beforeEpoch = RecordAt(test, DateTimeOffset.UnixEpoch.AddTicks(-1));
        var year1 = RecordAt(test, new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        epoch.IsEmpty.ShouldBeFalse();
        beforeEpoch.IsEmpty.ShouldBeTrue();
        year1.IsEmpty.ShouldBeTrue();
        test.Sink.Predictions.ShouldHaveSingleItem().Timestamp.ShouldBe(DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public async Task ConfiguredSkewAndLateness_AreHonoured_AndTheRangeMovesWithTheClock()
    {
        await using var test = Create(o => { o.MaxClockSkew = TimeSpan.Zero; o.MaxLateness = TimeSpan.FromHours(1); });

        var now = RecordAt(test, Now);
        var aSecondAhead = RecordAt(test, Now.AddSeconds(1));
        test.Clock.Advance(TimeSpan.FromMilliseconds(5));
        var callersNowAheadOfTheCachedClock = RecordAt(test, test.Clock.GetUtcNow());
        test.Clock.Advance(TimeSpan.FromHours(2));
        var twoHoursLate = RecordAt(test, Now);
        var aSecondAheadThen = RecordAt(test, Now.AddSeconds(1).AddHours(1));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        now.IsEmpty.ShouldBeFalse();
        aSecondAhead.IsEmpty.ShouldBeTrue();
        callersNowAheadOfTheCachedClock.IsEmpty.ShouldBeFalse();
        twoHoursLate.IsEmpty.ShouldBeTrue();
        aSecondAheadThen.IsEmpty.ShouldBeFalse();
        test.Pipeline.GetStatistics().GetDropped(DropReason.TimestampOutOfRange).ShouldBe(2);
    }

    [Fact]
    public async Task Latency_IsAcceptedFromZeroToTheMaximum_OnTheFastAndTheSlowPath()
    {
        await using var test = Create(model: m => m.CategoricalFeatures("k"), options: o => o.AddModel("fast", m => m.NumericFeatures("a", "b", "c", "d")));
        var fast = test.Pipeline.GetMonitor("fast");
        var slow = test.Pipeline.GetMonitor("m");
        var latencies = new[] { TimeSpan.Zero, TimeSpan.FromDays(1), TimeSpan.FromDays(1) + TimeSpan.FromTicks(1), TimeSpan.MaxValue, TimeSpan.FromTicks(-1), TimeSpan.MinValue };

        // Twice over, so that the second round takes the fast path of a thread holding a lease.
        var accepted = new List<bool>();
        for (var round = 0; round < 2; round++)
        {
            foreach (var latency in latencies)
            {
                accepted.Add(!fast.RecordPrediction(new Prediction { NumericFeatures = [1, 2, 3, 4], Latency = latency }).IsEmpty);
                accepted.Add(!slow.RecordPrediction(new Prediction { NumericFeatures = [1, 2, 3, 4], CategoricalFeatures = ["x"], Latency = latency }).IsEmpty);
            }
        }

        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        accepted.ShouldBe([.. Enumerable.Repeat<bool[]>([true, true, true, true, false, false, false, false, false, false, false, false], 2).SelectMany(x => x)]);
        test.Pipeline.GetStatistics().GetDropped(DropReason.InvalidValue).ShouldBe(16);
        test.Sink.Predictions.Max(p => p.Latency).ShouldBe(TimeSpan.FromDays(1));
    }

    [Fact]
    public async Task ConfiguredMaxLatency_IsHonoured()
    {
        await using var test = Create(o => o.MaxLatency = TimeSpan.FromSeconds(30));

        var atLimit = RecordAt(test, null, TimeSpan.FromSeconds(30));
        var overLimit = RecordAt(test, null, TimeSpan.FromSeconds(31));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        atLimit.IsEmpty.ShouldBeFalse();
        overLimit.IsEmpty.ShouldBeTrue();
        test.Pipeline.GetStatistics().GetDropped(DropReason.InvalidValue).ShouldBe(1);
    }

    [Fact]
    public async Task MetricsLabelsAndHealthChecks_AreStampedWithTheClock_SoTheyAreAlwaysInTheRange()
    {
        // A clock in the year 3000: the range follows the clock, so every kind recorded now is accepted
        // and aggregated, while a prediction claiming 2026 is more than MaxLateness late.
        var year3000 = new DateTimeOffset(3000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await using var test = Create(start: year3000);
        var monitor = test.Pipeline.GetMonitor("m");

        var id = monitor.RecordPrediction(new Prediction { NumericFeatures = [1, 2, 3, 4], PredictedValue = 2 });
        monitor.RecordGroundTruth(id, 3.0).ShouldBeTrue();
        monitor.RecordMetric("queue_depth", 3).ShouldBeTrue();
        monitor.RecordHealthCheck(ModelHealthStatus.Healthy, 1).ShouldBeTrue();
        RecordAt(test, Now).IsEmpty.ShouldBeTrue();
        await CloseWindowAsync(test);

        test.Sink.Predictions.ShouldHaveSingleItem().Timestamp.ShouldBe(year3000);
        test.Sink.GroundTruths.ShouldHaveSingleItem().Timestamp.ShouldBe(year3000);
        test.Sink.Metrics.Single(m => m.Name == "queue_depth").Timestamp.ShouldBe(year3000);
        test.Sink.HealthChecks.ShouldHaveSingleItem().Timestamp.ShouldBe(year3000);
        WindowValues(test, year3000)[WindowMetricNames.MeanAbsoluteError].ShouldBe(1);
        test.Pipeline.GetStatistics().GetDropped(DropReason.TimestampOutOfRange).ShouldBe(1);
    }
}
