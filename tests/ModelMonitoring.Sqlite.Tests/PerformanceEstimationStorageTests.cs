using ModelMonitoring.Alerting;
using ModelMonitoring.Estimation;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Sqlite.Tests;

/// <summary>
/// Performance estimation end to end with a real SQLite file: the <c>estimated.*</c> window metrics and their bands are
/// stored with the window's other metrics and read back, and the estimates' alerts (accuracy and ROC AUC both fall) fire after a covariate shift while no
/// label was ever recorded.
/// </summary>
public sealed class PerformanceEstimationStorageTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task EstimatesAndTheirAlert_AreStoredInSqlite_AndReadBackAfterARestart_WithoutLabels()
    {
        var path = _directory.File("estimation.db");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
        var random = new Random(21);
        var reference = Reference(random);

        await using (var test = Create(path, clock, reference))
        {
            var monitor = test.Pipeline.GetMonitor("fraud");
            Record(monitor, random, 2_000, spread: 1.5);
            clock.Advance(TimeSpan.FromSeconds(62));
            Record(monitor, random, 2_000, spread: 0.3); // the inputs move towards the decision boundary
            clock.Advance(TimeSpan.FromSeconds(62));
            (await test.Pipeline.FlushAsync()).ShouldBeTrue();
            (await test.Pipeline.Alerts.GetActiveAlertsAsync()).Select(a => a.Name).Order(StringComparer.Ordinal).ShouldBe([EstimatedMetricNames.Accuracy, EstimatedMetricNames.RocAuc]);
        }

        await using var reopened = Create(path, clock, reference);
        var accuracy = (await reopened.Pipeline.Reader.GetRecentMetricsAsync("fraud", EstimatedMetricNames.Accuracy)).OrderBy(m => m.WindowStart).ToArray();
        var lower = (await reopened.Pipeline.Reader.GetRecentMetricsAsync("fraud", EstimatedMetricNames.Lower(EstimatedMetricNames.Accuracy))).OrderBy(m => m.WindowStart).ToArray();
        var auc = await reopened.Pipeline.Reader.GetRecentMetricsAsync("fraud", EstimatedMetricNames.RocAuc);
        var labelled = await reopened.Pipeline.Reader.GetRecentMetricsAsync("fraud", "labeled_count");

        accuracy.Length.ShouldBe(2);
        accuracy[0].WindowStart.ShouldNotBeNull();
        accuracy[1].Value.ShouldBeLessThan(accuracy[0].Value - 0.1);
        lower.Length.ShouldBe(2);
        lower[0].Value.ShouldBeLessThan(accuracy[0].Value);
        auc.Count.ShouldBe(2);
        labelled.ShouldBeEmpty();
        var alert = (await reopened.Pipeline.Alerts.GetActiveAlertsAsync()).Single(a => a.Name == EstimatedMetricNames.Accuracy);
        (alert.State, alert.Metric, alert.Value).ShouldBe((AlertState.Firing, EstimatedMetricNames.Accuracy, accuracy[1].Value));
        alert.Value!.Value.ShouldBeLessThan(alert.Threshold!.Value);
    }

    public void Dispose() => _directory.Dispose();

    private static TestPipeline Create(string path, FakeTimeProvider clock, CbpeReference reference) => TestPipeline.Create(
        o => o.AddModel("fraud", m => m.NumericFeatures("x").EstimatePerformance(e =>
        {
            e.Reference = reference;
            e.Metrics = EstimatedMetric.Accuracy | EstimatedMetric.RocAuc;
        })),
        b => b.UseSqlite(path),
        clock);

    /// <summary>A covariate x ~ N(0, spread²); P(fraud) = sigmoid(3x); the model's score is that probability, squeezed towards ½.</summary>
    private static (double X, double Score, bool Fraud) Draw(Random random, double spread)
    {
        var x = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()) * spread;
        var p = 1 / (1 + Math.Exp(-3 * x));
        return (x, 0.5 + ((p - 0.5) * 0.8), random.NextDouble() < p);
    }

    private static CbpeReference Reference(Random random)
    {
        var rows = Enumerable.Range(0, 5_000).Select(_ => Draw(random, 1.5)).ToArray();
        return CbpeReference.Create(
            [.. rows.Select(r => r.Score >= 0.5 ? "fraud" : "ok")],
            [.. rows.Select(r => r.Score >= 0.5 ? r.Score : 1 - r.Score)],
            [.. rows.Select(r => r.Fraud ? "fraud" : "ok")]);
    }

    private static void Record(IModelMonitor monitor, Random random, int count, double spread)
    {
        for (var i = 0; i < count; i++)
        {
            var (x, score, _) = Draw(random, spread);
            monitor.RecordPrediction(new Prediction { NumericFeatures = [x], PredictedClass = score >= 0.5 ? "fraud" : "ok", Confidence = score >= 0.5 ? score : 1 - score });
        }
    }
}
