using ModelMonitoring.Alerting;
using ModelMonitoring.Estimation;
using ModelMonitoring.PostgreSql.Tests.Server;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.PostgreSql.Tests;

/// <summary>Performance estimation stored by the PostgreSQL provider: the <c>estimated.*</c> window metrics and the estimate's alert, with no labels.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlPerformanceEstimationTests(PostgreSqlServer server)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EstimatesAndTheirBands_AreStoredAndReadBack_AndTheAlertFiresAfterACovariateShift()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        var clock = new FakeTimeProvider(Start);
        var random = new Random(5);
        var rows = Enumerable.Range(0, 5_000).Select(_ => Draw(random, 1.5)).ToArray();
        var reference = CbpeReference.Create(
            [.. rows.Select(r => r.Score >= 0.5 ? "fraud" : "ok")],
            [.. rows.Select(r => Math.Max(r.Score, 1 - r.Score))],
            [.. rows.Select(r => r.Fraud ? "fraud" : "ok")]);
        await using var test = TestPipeline.Create(
            o => o.AddModel("fraud", m => m.NumericFeatures("x").EstimatePerformance(e => { e.Reference = reference; e.Metrics = EstimatedMetric.Accuracy; })),
            b => b.UsePostgreSql(o =>
            {
                o.DataSource = server.DataSource;
                o.Schema = schema;
            }),
            clock);
        var monitor = test.Pipeline.GetMonitor("fraud");

        Record(monitor, random, spread: 1.5);
        clock.Advance(TimeSpan.FromSeconds(62));
        Record(monitor, random, spread: 0.3);
        clock.Advance(TimeSpan.FromSeconds(62));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        var accuracy = (await test.Pipeline.Reader.GetRecentMetricsAsync("fraud", EstimatedMetricNames.Accuracy)).OrderBy(m => m.WindowStart).ToArray();
        var upper = await test.Pipeline.Reader.GetRecentMetricsAsync("fraud", EstimatedMetricNames.Upper(EstimatedMetricNames.Accuracy));
        accuracy.Select(m => m.WindowStart).ShouldBe([Start, Start.AddMinutes(1)]);
        accuracy[1].Value.ShouldBeLessThan(accuracy[0].Value - 0.1);
        upper.Count.ShouldBe(2);
        upper.ShouldAllBe(u => u.Value > accuracy.Single(a => a.WindowStart == u.WindowStart).Value);
        var alert = (await test.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldHaveSingleItem();
        (alert.Name, alert.State, alert.Value).ShouldBe((EstimatedMetricNames.Accuracy, AlertState.Firing, accuracy[1].Value));
        (await test.Pipeline.Reader.GetRecentMetricsAsync("fraud", "labeled_count")).ShouldBeEmpty();
    }

    /// <summary>A covariate x ~ N(0, spread²); P(fraud) = sigmoid(3x); the model's score is that probability, squeezed towards ½.</summary>
    private static (double X, double Score, bool Fraud) Draw(Random random, double spread)
    {
        var x = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()) * spread;
        var p = 1 / (1 + Math.Exp(-3 * x));
        return (x, 0.5 + ((p - 0.5) * 0.8), random.NextDouble() < p);
    }

    private static void Record(IModelMonitor monitor, Random random, double spread)
    {
        for (var i = 0; i < 2_000; i++)
        {
            var (x, score, _) = Draw(random, spread);
            monitor.RecordPrediction(new Prediction { NumericFeatures = [x], PredictedClass = score >= 0.5 ? "fraud" : "ok", Confidence = Math.Max(score, 1 - score) });
        }
    }
}
