using System.Diagnostics.Metrics;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;
using ModelMonitoring.Drift;
using ModelMonitoring.Pipeline;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;
using ModelMonitoring.Tests.Drift;

namespace ModelMonitoring.Tests.Pipeline;

/// <summary>
/// A stage that throws for one model (aggregation, drift, alerting) is skipped for that model in that
/// cycle only: the other models and stages carry on, and the failure is counted and logged once.
/// Model "bad" is declared first, so a failure that escaped would also stop "good" from being drained.
/// </summary>
public class StageIsolationTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static TestPipeline Create(Action<IModelMonitoringBuilder>? extra = null, bool badDrift = false) => TestPipeline.Create(
        o =>
        {
            o.AggregationWindow = TimeSpan.FromMinutes(1);
            o.FlushInterval = TimeSpan.FromSeconds(1);
            o.AddModel("bad", m =>
            {
                m.NumericFeatures("poison").Threshold(WindowMetricNames.ErrorRate, t => t.Max = 0.1);
                if (badDrift)
                {
                    var random = new Random(5);
                    m.Drift(d =>
                    {
                        d.Reference = ReferenceProfile.Create(new Dictionary<string, double[]> { ["poison"] = DriftData.Normal(random, 500) });
                        d.MinimumRows = 10;
                        d.CheckInterval = TimeSpan.FromMinutes(1);
                    });
                }
            });
            o.AddModel("good", m => m.NumericFeatures("x").Threshold(WindowMetricNames.ErrorRate, t => t.Max = 0.1));
        },
        extra,
        new FakeTimeProvider(Start));

    /// <summary>Records a window of predictions, half errors, for both models (30 for bad, 20 for good, which tells their window metrics apart) and closes it.</summary>
    private static async Task FailingWindowAsync(TestPipeline test)
    {
        var random = new Random(7);
        foreach (var model in new[] { "bad", "good" })
        {
            for (var i = 0; i < Count(model); i++)
            {
                test.Pipeline.GetMonitor(model).RecordPrediction(new Prediction { NumericFeatures = [random.NextDouble()], Status = i % 2 == 0 ? PredictionStatus.Error : PredictionStatus.Success });
            }
        }

        test.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
    }

    private static int Count(string model) => model == "bad" ? 30 : 20;

    private static int WindowCount(TestPipeline test, string model) =>
        test.Sink.Metrics.Count(m => m.Name == WindowMetricNames.PredictionCount && m.Value == Count(model));

    [Fact]
    public async Task AggregationThatThrowsForOneModel_IsCountedAndLoggedOnce_AndTheOtherModelsWindowsAndAlertsGoOn()
    {
        await using var test = Create();
        var service = test.Pipeline.Services.GetRequiredService<ModelMonitoringService>();

        // Breaks the bad model's window closing for good: every window it closes then throws.
        typeof(WindowAggregator).GetField("_thresholds", BindingFlags.Instance | BindingFlags.NonPublic)!.SetValue(service.PipelineOf("bad").Aggregator, null);
        await FailingWindowAsync(test);
        await FailingWindowAsync(test);
        await FailingWindowAsync(test);

        WindowCount(test, "good").ShouldBe(3);
        var alert = test.Channel.Alerts.ShouldHaveSingleItem();
        (alert.Model, alert.Name, alert.State).ShouldBe(("good", "threshold.error_rate", AlertState.Firing));
        var statistics = test.Pipeline.GetStatistics();
        statistics.GetStageFailures(MonitoringStage.Aggregation).ShouldBe(3);
        statistics.StageFailures.ShouldBe(3);
        statistics.Stored.ShouldBe(150);
        statistics.Received.ShouldBe(statistics.Stored + statistics.Buffered + statistics.Dropped);
        var logged = test.Logs.Lines.Where(l => l.Contains("[40]", StringComparison.Ordinal)).ShouldHaveSingleItem();
        logged.ShouldContain("The Aggregation stage (WindowAggregator) failed for model bad");
        logged.ShouldContain(nameof(NullReferenceException));
        test.Logs.Lines.ShouldNotContain(l => l.Contains("[7]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DriftDetectorThatThrowsForOneModel_IsCountedAndLoggedOnce_AndWindowsAndAlertsOfBothModelsGoOn()
    {
        await using var test = Create(b => b.AddDriftDetector(new PoisonDetector()), badDrift: true);

        await FailingWindowAsync(test);
        await FailingWindowAsync(test);
        await FailingWindowAsync(test);

        WindowCount(test, "good").ShouldBe(3);
        WindowCount(test, "bad").ShouldBe(3);
        test.Channel.Alerts.Where(a => a.Name == "threshold.error_rate").Select(a => a.Model).Order().ShouldBe(["bad", "good"]);
        test.Sink.DriftChecks.Count(c => c.Detector == nameof(DatasetDriftDetector)).ShouldBe(3);
        var statistics = test.Pipeline.GetStatistics();
        statistics.GetStageFailures(MonitoringStage.Drift).ShouldBe(3);
        statistics.GetStageFailures(MonitoringStage.Aggregation).ShouldBe(0);
        test.Logs.Lines.Where(l => l.Contains("[40]", StringComparison.Ordinal)).ShouldHaveSingleItem()
            .ShouldContain("The Drift stage (PoisonDetector) failed for model bad");
    }

    [Fact]
    public async Task StageFailures_AreVisibleThroughSystemDiagnosticsMetrics()
    {
        await using var test = Create();
        var service = test.Pipeline.Services.GetRequiredService<ModelMonitoringService>();
        typeof(WindowAggregator).GetField("_thresholds", BindingFlags.Instance | BindingFlags.NonPublic)!.SetValue(service.PipelineOf("bad").Aggregator, null);
        await FailingWindowAsync(test);
        var measurements = new List<(string Name, long Value, string? Model, string? Stage)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MonitoringInstruments.MeterName && instrument.Name == "modelmonitoring.stage.failures")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var all = tags.ToArray();
            measurements.Add((instrument.Name, value, all.FirstOrDefault(t => t.Key == "model").Value as string, all.FirstOrDefault(t => t.Key == "stage").Value as string));
        });
        listener.Start();

        listener.RecordObservableInstruments();

        measurements.ShouldContain(("modelmonitoring.stage.failures", 1L, "bad", "Aggregation"));
        measurements.ShouldContain(("modelmonitoring.stage.failures", 0L, "good", "Aggregation"));
        measurements.ShouldContain(("modelmonitoring.stage.failures", 0L, "bad", "Alerting"));
    }

    /// <summary>Throws on the model whose feature is "poison", and detects nothing on any other.</summary>
    private sealed class PoisonDetector : IDriftDetector
    {
        public DatasetDriftResult Detect(ReferenceProfile reference, IReadOnlyDictionary<string, double[]> numericColumns, IReadOnlyDictionary<string, string[]>? categoricalColumns = null) =>
            numericColumns.ContainsKey("poison") ? throw new InvalidOperationException("poisoned window") : new([], 0.5);
    }
}
