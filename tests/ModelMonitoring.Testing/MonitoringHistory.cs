using Microsoft.Extensions.DependencyInjection;
using ModelMonitoring.Alerting;
using ModelMonitoring.Drift;
using ModelMonitoring.Health;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Testing;

/// <summary>
/// Writes a deterministic history of one model straight into a store through its public interfaces (sink, reference
/// store, alert store), then lets the store roll it up: hours of predictions with numeric features, an hourly drift
/// check, hourly health, quality and estimated-accuracy window metrics, a reference profile and a few alerts. For report, trend and
/// dashboard tests that need weeks of data without running a pipeline for weeks.
/// </summary>
/// <remarks>
/// The store's maintenance rolls up as of its newest prediction and its clock; the services must use a
/// <see cref="FakeTimeProvider"/> set after the history, and a raw retention long enough to keep it.
/// </remarks>
public static class MonitoringHistory
{
    /// <summary>Writes the history of <paramref name="features"/> numeric features over <paramref name="hours"/> hours from <paramref name="start"/>.</summary>
    /// <returns>The model's schema.</returns>
    public static async Task<ModelSchema> WriteAsync(IServiceProvider services, string model, string[] features, DateTimeOffset start, int hours, int predictionsPerHour = 12, int seed = 7)
    {
        var schema = new ModelSchema(model, "1.0", "test", features, []);
        var sink = services.GetServices<IMetricSink>().Single();
        var random = new Random(seed);
        await services.GetRequiredService<IReferenceProfileStore>().SaveAsync(
            model,
            ReferenceProfile.Create(features.ToDictionary(f => f, _ => Enumerable.Range(0, 500).Select(_ => Normal(random)).ToArray())));

        for (var hour = 0; hour < hours; hour++)
        {
            var at = start.AddHours(hour);
            var shift = hour >= hours * 2 / 3 ? 1.5 : 0; // the first feature drifts in the last third
            var predictions = new PredictionRecord[predictionsPerHour];
            for (var i = 0; i < predictionsPerHour; i++)
            {
                var values = features.Select((_, f) => Normal(random) + (f == 0 ? shift : 0)).ToArray();
                predictions[i] = new PredictionRecord
                {
                    Id = PredictionId.FromGuid(new Guid(hour, (short)i, 1, [1, 2, 3, 4, 5, 6, 7, 8])),
                    Timestamp = at.AddSeconds(i * 3600.0 / predictionsPerHour),
                    Latency = TimeSpan.FromMilliseconds(5 + (random.NextDouble() * 20) + (shift * 10)),
                    Status = i % 25 == 3 ? PredictionStatus.Error : PredictionStatus.Success,
                    PredictedClass = values[0] > 0 ? "fraud" : "ok",
                    Confidence = 0.5 + (random.NextDouble() / 2),
                    NumericFeatures = values,
                    CategoricalFeatures = Array.Empty<string?>(),
                };
            }

            var drift = new DriftCheckRecord
            {
                Model = model,
                Timestamp = at.AddMinutes(30),
                WindowStart = at,
                WindowEnd = at.AddMinutes(30),
                RowCount = predictionsPerHour,
                ReferenceRowCount = 500,
                Detector = "DatasetDriftDetector",
                DatasetDrifted = shift > 0,
                DriftedShare = shift > 0 ? 1.0 / features.Length : 0,
                Score = shift > 0 ? 0.6 : 0.05,
                Features = [.. features.Select((f, i) => new FeatureDriftResult(f, FeatureKind.Numeric, DriftMethods.Wasserstein, i == 0 ? shift / 2 : 0.02, null, 0.1, i == 0 && shift > 0, i == 0 ? Math.Min(1, shift) : 0.2))],
            };
            MetricRecord[] metrics =
            [
                new()
                {
                    Name = HealthMetricNames.Score,
                    Value = shift > 0 ? 60 + (hour % 5) : 95 - (hour % 3),
                    Timestamp = at.AddHours(1),
                    WindowStart = at,
                    Metadata = shift > 0
                        ? new Dictionary<string, string> { ["status"] = "Degraded", ["reason.Drift"] = $"{36 - (hour % 5)}|1 of {features.Length} features drifted in the latest drift check" }
                        : new Dictionary<string, string> { ["status"] = "Healthy" },
                },
                new() { Name = $"quality.{features[^1]}.missing_share", Value = hour % 10 == 0 ? 0.05 : 0, Timestamp = at.AddHours(1), WindowStart = at },

                // Performance estimation: the estimate falls with the drift, its band around it.
                new() { Name = Estimation.EstimatedMetricNames.Accuracy, Value = shift > 0 ? 0.8 : 0.9, Timestamp = at.AddHours(1), WindowStart = at },
                new() { Name = Estimation.EstimatedMetricNames.Lower(Estimation.EstimatedMetricNames.Accuracy), Value = shift > 0 ? 0.75 : 0.86, Timestamp = at.AddHours(1), WindowStart = at },
                new() { Name = Estimation.EstimatedMetricNames.Upper(Estimation.EstimatedMetricNames.Accuracy), Value = shift > 0 ? 0.85 : 0.94, Timestamp = at.AddHours(1), WindowStart = at },
            ];
            await sink.WriteAsync(new MonitoringBatch(schema, predictions, metrics: metrics, driftChecks: new[] { drift }), CancellationToken.None);
        }

        var alerts = services.GetRequiredService<IAlertStore>();
        for (var i = 0; i < 3; i++)
        {
            var at = start.AddHours(hours * (i + 1) / 4.0);
            await alerts.SaveAlertAsync(new Alert
            {
                Id = $"history-{i}",
                Model = model,
                Name = i == 2 ? "drift.dataset" : "latency_p95_ms",
                Severity = i == 2 ? AlertSeverity.Critical : AlertSeverity.Warning,
                State = i == 0 ? AlertState.Resolved : AlertState.Firing,
                Message = $"alert {i} of the history",
                Timestamp = at,
                StartedAt = at,
            });
        }

        // One prediction after the history lets the store roll up every hour of it; further writes carry on its
        // bounded maintenance steps until nothing is left.
        var tail = new PredictionRecord { Id = PredictionId.FromGuid(Guid.NewGuid()), Timestamp = start.AddHours(hours + 25), NumericFeatures = new double[features.Length], CategoricalFeatures = Array.Empty<string?>() };
        var clock = services.GetRequiredService<TimeProvider>() as FakeTimeProvider
            ?? throw new InvalidOperationException("Register a FakeTimeProvider set after the history: the store rolls up as of its clock.");
        for (var step = 0; step < 64; step++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await sink.WriteAsync(new MonitoringBatch(schema, step == 0 ? new[] { tail } : Array.Empty<PredictionRecord>(), metrics: new[] { new MetricRecord { Name = "seed.step", Value = step, Timestamp = tail.Timestamp } }), CancellationToken.None);
        }

        return schema;
    }

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
