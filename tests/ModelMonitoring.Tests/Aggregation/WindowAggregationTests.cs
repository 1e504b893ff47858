using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Aggregation;

public class WindowAggregationTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static TestPipeline Create(Action<ModelMonitoring.Configuration.ModelOptions>? model = null) => TestPipeline.Create(
        o =>
        {
            o.AggregationWindow = TimeSpan.FromMinutes(1);
            o.FlushInterval = TimeSpan.FromSeconds(1);
            o.AddModel("m", m =>
            {
                m.NumericFeatures("x");
                model?.Invoke(m);
            });
        },
        clock: new FakeTimeProvider(Start));

    private static Dictionary<string, double> WindowValues(RecordingSink sink, DateTimeOffset windowStart) =>
        sink.Metrics.Where(m => m.WindowStart == windowStart).ToDictionary(m => m.Name, m => m.Value);

    private static async Task CloseWindowAsync(TestPipeline test)
    {
        test.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
    }

    [Fact]
    public async Task ClosedWindow_EmitsThroughputErrorsLatencyConfidenceAndClassMix()
    {
        await using var test = Create();
        var monitor = test.Pipeline.GetMonitor("m");
        for (var i = 1; i <= 100; i++)
        {
            monitor.RecordPrediction(new Prediction
            {
                NumericFeatures = [i],
                Latency = TimeSpan.FromMilliseconds(i),
                Status = i <= 5 ? PredictionStatus.Error : PredictionStatus.Success,
                PredictedClass = i <= 75 ? "legit" : "fraud",
                Confidence = i % 2 == 0 ? 0.8 : null,
            });
        }

        await test.Pipeline.FlushAsync();
        WindowValues(test.Sink, Start).ShouldBeEmpty();
        await CloseWindowAsync(test);

        var values = WindowValues(test.Sink, Start);
        values[WindowMetricNames.PredictionCount].ShouldBe(100);
        values[WindowMetricNames.Throughput].ShouldBe(100 / 60.0, 1e-12);
        values[WindowMetricNames.ErrorRate].ShouldBe(0.05, 1e-12);
        values[WindowMetricNames.LatencyMean].ShouldBe(50.5, 1e-9);
        values[WindowMetricNames.LatencyP50].ShouldBe(50, 50 * 0.01);
        values[WindowMetricNames.LatencyP95].ShouldBe(95, 95 * 0.01);
        values[WindowMetricNames.LatencyP99].ShouldBe(99, 99 * 0.01);
        values[WindowMetricNames.ConfidenceMean].ShouldBe(0.8, 1e-12);
        values[WindowMetricNames.ClassBias].ShouldBe(0.75, 1e-12);
        values["class_share.fraud"].ShouldBe(0.25, 1e-12);
        test.Sink.Metrics.Single(m => m.Name == WindowMetricNames.LatencyP95).Unit.ShouldBe("ms");
        test.Sink.Metrics.Single(m => m.Name == WindowMetricNames.LatencyP95).Timestamp.ShouldBe(Start.AddMinutes(1));
    }

    [Fact]
    public async Task LabelsArrivingLater_GiveAccuracyInTheWindowTheyArriveIn()
    {
        await using var test = Create();
        var monitor = test.Pipeline.GetMonitor("m");
        var ids = Enumerable.Range(0, 10)
            .Select(i => monitor.RecordPrediction(new Prediction { NumericFeatures = [i], PredictedClass = i < 5 ? "a" : "b" }))
            .ToList();
        await CloseWindowAsync(test);

        for (var i = 0; i < 10; i++)
        {
            monitor.RecordGroundTruth(ids[i], i < 8 ? (i < 5 ? "a" : "b") : "a");
        }

        monitor.RecordGroundTruth(ids[0], "b"); // a second label for one prediction is ignored
        await CloseWindowAsync(test);

        WindowValues(test.Sink, Start).ContainsKey(WindowMetricNames.Accuracy).ShouldBeFalse();
        var second = WindowValues(test.Sink, Start.AddMinutes(1));
        second[WindowMetricNames.Accuracy].ShouldBe(0.8, 1e-12);
        second[WindowMetricNames.LabeledCount].ShouldBe(10);
    }

    [Fact]
    public async Task ValueLabels_GiveMeanAbsoluteError()
    {
        await using var test = Create();
        var monitor = test.Pipeline.GetMonitor("m");
        var first = monitor.RecordPrediction(new Prediction { NumericFeatures = [1], PredictedValue = 10 });
        var second = monitor.RecordPrediction(new Prediction { NumericFeatures = [1], PredictedValue = 20 });
        monitor.RecordGroundTruth(first, 12.0);
        monitor.RecordGroundTruth(second, 19.0);

        await CloseWindowAsync(test);

        WindowValues(test.Sink, Start)[WindowMetricNames.MeanAbsoluteError].ShouldBe(1.5, 1e-12);
    }

    [Fact]
    public async Task MaxThreshold_FiresOnceWhileDegraded_AndResolvesWhenBack()
    {
        await using var test = Create(m => m.Threshold(WindowMetricNames.ErrorRate, t => { t.Max = 0.1; t.Severity = AlertSeverity.Critical; }));
        var monitor = test.Pipeline.GetMonitor("m");

        void Window(int errors)
        {
            for (var i = 0; i < 10; i++)
            {
                monitor.RecordPrediction(new Prediction { NumericFeatures = [i], Status = i < errors ? PredictionStatus.Error : PredictionStatus.Success });
            }
        }

        Window(0);
        await CloseWindowAsync(test);
        Window(5);
        await CloseWindowAsync(test);
        Window(6);
        await CloseWindowAsync(test);
        Window(1);
        await CloseWindowAsync(test);

        test.Channel.Alerts.Count.ShouldBe(2);
        var fired = test.Channel.Alerts[0];
        fired.State.ShouldBe(AlertState.Firing);
        fired.Severity.ShouldBe(AlertSeverity.Critical);
        fired.Name.ShouldBe("threshold.error_rate");
        fired.Value.ShouldBe(0.5);
        fired.Threshold.ShouldBe(0.1);
        // The window closes at the first worker cycle one flush interval (the grace) after its end, during the 61 s advance.
        fired.StartedAt!.Value.ShouldBeInRange(Start.AddMinutes(2).AddSeconds(1), Start.AddMinutes(2).AddSeconds(2));
        fired.Message.ShouldContain("above its maximum 0.1");
        test.Channel.Alerts[1].State.ShouldBe(AlertState.Resolved);
        var stored = (await test.Pipeline.Alerts.GetAlertHistoryAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue)).ShouldHaveSingleItem();
        stored.State.ShouldBe(AlertState.Resolved);
        stored.Id.ShouldBe(fired.Id);
        test.Channel.Alerts[1].Id.ShouldBe(fired.Id);
    }

    [Fact]
    public async Task BaselineThreshold_LearnsFromFirstWindows_AndFiresOnRelativeChange()
    {
        await using var test = Create(m => m.Threshold(WindowMetricNames.LatencyMean, t => { t.MaxChangeFromBaseline = 0.5; t.BaselineWindows = 2; }));
        var monitor = test.Pipeline.GetMonitor("m");

        async Task WindowAsync(double latencyMs)
        {
            monitor.RecordPrediction(new Prediction { NumericFeatures = [1], Latency = TimeSpan.FromMilliseconds(latencyMs) });
            await CloseWindowAsync(test);
        }

        await WindowAsync(100); // learning
        await WindowAsync(200); // learning: baseline = 150
        await WindowAsync(220); // +47 %: fine
        test.Channel.Alerts.ShouldBeEmpty();
        await WindowAsync(230); // +53 %: fires

        var alert = test.Channel.Alerts.Single();
        alert.Baseline.ShouldBe(150);
        alert.Value!.Value.ShouldBe(230, 1e-9);
        alert.Severity.ShouldBe(AlertSeverity.Warning);
        alert.Message.ShouldContain("from its baseline 150");
    }

    [Fact]
    public async Task Shutdown_ClosesThePartialWindow()
    {
        var test = Create();
        test.Pipeline.GetMonitor("m").RecordPrediction(new Prediction { NumericFeatures = [1], Latency = TimeSpan.FromMilliseconds(3) });
        test.Clock.Advance(TimeSpan.FromSeconds(30));

        await test.DisposeAsync();

        var values = WindowValues(test.Sink, Start);
        values[WindowMetricNames.PredictionCount].ShouldBe(1);
        values[WindowMetricNames.Throughput].ShouldBe(1 / 30.0, 1e-12);
    }

    [Fact]
    public void LatencyHistogram_QuantilesAreWithinOnePercent()
    {
        var histogram = new LatencyHistogram();
        var random = new Random(7);
        var values = Enumerable.Range(0, 20_000).Select(_ => Math.Exp(random.NextDouble() * 10) / 100).ToArray();
        foreach (var value in values)
        {
            histogram.Add(value);
        }

        Array.Sort(values);
        foreach (var q in new[] { 0.5, 0.9, 0.95, 0.99 })
        {
            var exact = values[(int)Math.Ceiling(q * values.Length) - 1];
            histogram.Quantile(q).ShouldBe(exact, exact * 0.01);
        }

        histogram.Quantile(1).ShouldBe(values[^1]);
    }
}
