using System.Diagnostics.Metrics;
using ModelMonitoring.Drift;
using ModelMonitoring.Health;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Pipeline;

/// <summary>
/// The model-level instruments on the <c>ModelMonitoring</c> meter (docs/opentelemetry.md): what a Prometheus or Grafana
/// user sees per model. Other tests run pipelines at the same time, so measurements are kept for this test's model only.
/// </summary>
public sealed class ModelInstrumentsTests
{
    private const string Model = "instruments-model";

    [Fact]
    public async Task LatencyOutcomesWindowHealthDriftAndDrops_AreReportedPerModel()
    {
        var measurements = new List<(string Name, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "ModelMonitoring" && instrument.Name.StartsWith("modelmonitoring.model.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Keep(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var kept = tags.ToArray().ToDictionary(t => t.Key, t => t.Value);
            if (Equals(kept.GetValueOrDefault("model"), Model))
            {
                lock (measurements)
                {
                    measurements.Add((instrument.Name, value, kept));
                }
            }
        }

        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Keep(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Keep(instrument, value, tags));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Keep(instrument, value, tags));
        listener.Start();

        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero));
        await using var test = TestPipeline.Create(
            o => o.AddModel(Model, m => m.Version("2.1").NumericFeatures("amount").Health(h => h.LatencyBaseline = TimeSpan.FromMilliseconds(10))),
            clock: clock);
        var monitor = test.Pipeline.GetMonitor(Model);
        for (var i = 0; i < 10; i++)
        {
            monitor.RecordPrediction(new Prediction
            {
                NumericFeatures = [i],
                Latency = TimeSpan.FromMilliseconds(20),
                Status = i < 2 ? PredictionStatus.Error : PredictionStatus.Success,
            });
        }

        monitor.RecordPrediction(new Prediction { NumericFeatures = [double.PositiveInfinity] }); // rejected: InvalidValue
        clock.Advance(TimeSpan.FromSeconds(62));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        listener.RecordObservableInstruments();

        var durations = measurements.Where(m => m.Name == "modelmonitoring.model.prediction.duration").ToArray();
        durations.Length.ShouldBe(10);
        durations.ShouldAllBe(m => m.Value == 20 && Equals(m.Tags["version"], "2.1"));
        var outcomes = measurements.Where(m => m.Name == "modelmonitoring.model.predictions").GroupBy(m => (string)m.Tags["status"]!).ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        outcomes.ShouldBe(new Dictionary<string, double> { ["success"] = 8, ["error"] = 2 }, ignoreOrder: true);
        measurements.Single(m => m.Name == "modelmonitoring.model.error_rate").Value.ShouldBe(0.2);

        // 20% errors: 30 points off and unhealthy; p95 20 ms is 2x the 10 ms baseline: a third of 15 points.
        var stored = test.Sink.Metrics.Single(m => m.Name == HealthMetricNames.Score);
        measurements.Single(m => m.Name == "modelmonitoring.model.health.score").Value.ShouldBe(stored.Value);
        stored.Value.ShouldBe(65, 1e-9);
        measurements.Single(m => m.Name == "modelmonitoring.model.records.dropped" && Equals(m.Tags["reason"], "InvalidValue")).Value.ShouldBe(1);
        measurements.Single(m => m.Name == "modelmonitoring.model.records.dropped" && Equals(m.Tags["reason"], "BufferFull")).Value.ShouldBe(0);
    }

    [Fact]
    public void DriftScores_AreThoseOfTheModelsLatestCheck()
    {
        using var meter = new Meter("instruments-test");
        var telemetry = new ModelMonitoring.Pipeline.ModelTelemetry(new ModelSchema(Model, "1", "test", ["a", "b"], []), meter.CreateHistogram<double>("d"), meter.CreateCounter<long>("c"));
        Storage.DriftCheckRecord Check(string model, double a) => new()
        {
            Model = model,
            Detector = "DatasetDriftDetector",
            Features = [new("a", FeatureKind.Numeric, DriftMethods.Wasserstein, a, null, 0.1, a > 0.1, a), new("b", FeatureKind.Numeric, DriftMethods.Wasserstein, 0.01, null, 0.1, false, double.NaN)],
        };

        var latest = ModelMonitoring.Health.Internal.HealthScorer.LatestOf([Check(Model, 0.3), Check(Model, 0.7), Check("other", 0.9)], Model).ShouldNotBeNull();
        telemetry.DriftChecked(latest);

        telemetry.LatestDrift.ShouldBe([("a", 0.7)]); // the latest of the model's checks; a NaN score is not published
        ModelMonitoring.Health.Internal.HealthScorer.LatestOf([Check("other", 0.2)], Model).ShouldBeNull();
    }
}
