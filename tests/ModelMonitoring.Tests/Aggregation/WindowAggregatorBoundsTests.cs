using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;
using ModelMonitoring.Configuration;
using ModelMonitoring.Internal;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Aggregation;

/// <summary>The aggregator on its own, whatever times reach it (defence in depth behind the recording checks).</summary>
public class WindowAggregatorBoundsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly ModelSchema Schema = new("m", "1", "test", ["x"], []);

    private static WindowAggregator Create(CapturingLoggerProvider? logs = null) => new(
        TimeSpan.FromMinutes(1),
        TimeSpan.FromSeconds(1),
        1000,
        new ThresholdEvaluator(Schema, [new MetricThreshold(WindowMetricNames.ErrorRate) { Max = 0.1 }]),
        "m",
        logs?.CreateLogger("ModelMonitoring"));

    private static PredictionRecord At(DateTimeOffset timestamp, PredictionStatus status = PredictionStatus.Success) =>
        new() { Timestamp = timestamp, Status = status, NumericFeatures = new double[] { 1 } };

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(60_000)]
    public void ExtremeTimestamp_NeitherThrowsNorBlocksTheWindowsBeforeIt(long ticksBeforeMax)
    {
        var aggregator = Create();
        var metrics = new ArrayBuilder<MetricRecord>(16);
        var alerts = new List<Alert>();

        aggregator.Observe(At(DateTimeOffset.MaxValue.AddTicks(-ticksBeforeMax)));
        aggregator.Observe(At(Now, PredictionStatus.Error));
        aggregator.CloseWindows(Now.AddMinutes(2), all: false, metrics, alerts);
        aggregator.CloseWindows(Now.AddMinutes(3), all: true, metrics, alerts);

        metrics.Count.ShouldBeGreaterThan(0);
        alerts.ShouldHaveSingleItem().State.ShouldBe(AlertState.Firing);
        aggregator.NotAggregated.ShouldBe(1);
    }

    [Fact]
    public void MoreWindowsThanAllowed_AreCountedAndLoggedOnce_AndTheOpenOnesStillClose()
    {
        var logs = new CapturingLoggerProvider();
        var aggregator = Create(logs);
        var metrics = new ArrayBuilder<MetricRecord>(16);
        var alerts = new List<Alert>();

        for (var i = 0; i < WindowAggregator.MaxOpenWindows + 10; i++)
        {
            aggregator.Observe(At(Now.AddMinutes(i), PredictionStatus.Error));
        }

        aggregator.CloseWindows(Now, all: false, metrics, alerts);
        aggregator.CloseWindows(Now.AddSeconds(1), all: false, metrics, alerts);
        aggregator.Observe(At(Now.AddDays(1)));
        aggregator.CloseWindows(Now.AddSeconds(2), all: false, metrics, alerts);

        aggregator.NotAggregated.ShouldBe(11);
        logs.Lines.Count(l => l.Contains("[41] 10 records of model m so far were stored but left out of window metrics", StringComparison.Ordinal)).ShouldBe(1);
        logs.Lines.Count(l => l.Contains("[41]", StringComparison.Ordinal)).ShouldBe(1);

        aggregator.CloseWindows(Now.AddDays(1), all: false, metrics, alerts);
        alerts.Count.ShouldBe(WindowAggregator.MaxOpenWindows);
        aggregator.Observe(At(Now.AddDays(1)));
        aggregator.NotAggregated.ShouldBe(11);
    }

    [Fact]
    public void MoreRecordsLeftOut_AreLoggedAgainAfterTheInterval()
    {
        var logs = new CapturingLoggerProvider();
        var aggregator = Create(logs);
        var metrics = new ArrayBuilder<MetricRecord>(16);
        var alerts = new List<Alert>();
        aggregator.Observe(At(DateTimeOffset.MaxValue));
        aggregator.CloseWindows(Now, all: false, metrics, alerts);

        aggregator.Observe(At(DateTimeOffset.MaxValue));
        aggregator.CloseWindows(Now + WindowAggregator.LogInterval - TimeSpan.FromTicks(1), all: false, metrics, alerts);
        aggregator.CloseWindows(Now + WindowAggregator.LogInterval, all: false, metrics, alerts);
        aggregator.CloseWindows(Now + (3 * WindowAggregator.LogInterval), all: false, metrics, alerts);

        logs.Lines.Where(l => l.Contains("[41]", StringComparison.Ordinal)).Select(l => l[(l.IndexOf("] ", StringComparison.Ordinal) + 2)..l.IndexOf(" records", StringComparison.Ordinal)]).ShouldBe(["1", "2"]);
    }
}
