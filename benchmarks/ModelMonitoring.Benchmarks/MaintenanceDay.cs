using ModelMonitoring.Drift;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Benchmarks;

/// <summary>
/// The day of one model that the maintenance benchmarks of both stores roll up and prune, minute by minute: 100,000
/// predictions (two numeric features), a label for every other one, 12 window metrics every minute, and every 5 minutes
/// a drift check of 10 features and realized performance (5 metrics). The same seed, so the same values, every time.
/// </summary>
internal static class MaintenanceDay
{
    public const int Predictions = 100_000;
    public const string ModelName = "bench";
    public static readonly DateTimeOffset Day = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Each minute's batch, and its realized performance every 5 minutes (else null).</summary>
    public static IEnumerable<(DateTimeOffset Start, MonitoringBatch Batch, RealizedPerformance? Performance)> Minutes()
    {
        var model = new ModelSchema(ModelName, "1", "bench", ["x", "y"], []);
        var random = new Random(42);
        const int Minutes = 1440;
        for (var minute = 0; minute < Minutes; minute++)
        {
            var start = Day.AddMinutes(minute);
            var count = (Predictions / Minutes) + (minute < Predictions % Minutes ? 1 : 0);
            var predictions = new PredictionRecord[count];
            var labels = new List<GroundTruthRecord>();
            for (var i = 0; i < count; i++)
            {
                var id = new PredictionId(7, (ulong)((minute * 100) + i + 1));
                predictions[i] = new PredictionRecord
                {
                    Id = id,
                    Timestamp = start.AddTicks(i * (TimeSpan.TicksPerMinute / count)),
                    Latency = TimeSpan.FromTicks(random.Next(10_000, 500_000)),
                    PredictedClass = random.Next(3) == 0 ? "fraud" : "ok",
                    Confidence = random.NextDouble(),
                    NumericFeatures = new[] { random.NextDouble(), random.NextDouble() },
                    CategoricalFeatures = Array.Empty<string?>(),
                };
                if (i % 2 == 0)
                {
                    labels.Add(new GroundTruthRecord { PredictionId = id, Timestamp = start.AddMinutes(1), ActualClass = "ok" });
                }
            }

            var metrics = Enumerable.Range(0, 12).Select(m => new MetricRecord { Name = $"window_metric_{m}", Value = m, Timestamp = start.AddMinutes(1), WindowStart = start }).ToArray();
            var drift = minute % 5 == 0 ? new[] { DriftCheck(start, random) } : [];
            var batch = new MonitoringBatch(model, predictions, labels.ToArray(), metrics, driftChecks: drift);
            var performance = minute % 5 != 0 ? null : new RealizedPerformance
            {
                WindowStart = start,
                WindowEnd = start.AddMinutes(5),
                LabelCount = 150,
                ComputedAt = start.AddMinutes(10),
                Metrics = Enumerable.Range(0, 5).ToDictionary(m => $"realized.m{m}", m => random.NextDouble()),
            };
            yield return (start, batch, performance);
        }
    }

    private static DriftCheckRecord DriftCheck(DateTimeOffset start, Random random) => new()
    {
        Model = ModelName,
        Timestamp = start.AddMinutes(5),
        WindowStart = start,
        WindowEnd = start.AddMinutes(5),
        RowCount = 350,
        ReferenceRowCount = 10_000,
        Detector = "DatasetDriftDetector",
        DriftedShare = 0,
        Score = 0.1,
        Recommendation = DriftSeverity.None,
        Features = Enumerable.Range(0, 10).Select(f => new FeatureDriftResult($"f{f}", FeatureKind.Numeric, DriftMethods.Wasserstein, random.NextDouble() * 0.2, null, 0.1, false, random.NextDouble())).ToArray(),
    };
}
