using Microsoft.Extensions.DependencyInjection;
using ModelMonitoring.Performance;
using ModelMonitoring.PostgreSql.Tests.Server;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;
using ModelMonitoring.Testing;

namespace ModelMonitoring.PostgreSql.Tests;

/// <summary>Realized performance across replicas: labels recorded on one pipeline join predictions made on another, in the shared database.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlRealizedPerformanceTests(PostgreSqlServer server)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ALabelRecordedOnOneReplica_ForAPredictionMadeOnTheOther_CountsInTheRealizedAccuracy()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        var clock = new FakeTimeProvider(Start.AddSeconds(10));
        await using var a = Create(schema, "replica-a", clock);
        await using var b = Create(schema, "replica-b", clock);
        (await a.Pipeline.FlushAsync()).ShouldBeTrue();
        (await b.Pipeline.FlushAsync()).ShouldBeTrue();
        a.Pipeline.GetStatistics().IsLeader.ShouldBeTrue();

        var onA = a.Pipeline.GetMonitor("fraud").RecordPrediction(new Prediction { NumericFeatures = [1], PredictedClass = "fraud", Segment = "eu" });
        var onB = b.Pipeline.GetMonitor("fraud").RecordPrediction(new Prediction { NumericFeatures = [2], PredictedClass = "ok", Segment = "eu" });
        (await a.Pipeline.FlushAsync()).ShouldBeTrue();
        (await b.Pipeline.FlushAsync()).ShouldBeTrue();

        // Each label goes to the other replica, minutes after the window closed. Advancing the clock starts each worker's
        // timed cycle on its own; a flush completes after it, so no cycle that read the time before a label was recorded
        // is still running (it could compute the window with one label and not check again until its next interval).
        clock.Advance(TimeSpan.FromMinutes(3));
        (await a.Pipeline.FlushAsync()).ShouldBeTrue();
        (await b.Pipeline.FlushAsync()).ShouldBeTrue();
        b.Pipeline.GetMonitor("fraud").RecordGroundTruth(onA, "fraud");
        a.Pipeline.GetMonitor("fraud").RecordGroundTruth(onB, "fraud");
        (await b.Pipeline.FlushAsync()).ShouldBeTrue();
        clock.Advance(TimeSpan.FromMinutes(1));
        (await a.Pipeline.FlushAsync()).ShouldBeTrue();

        var reader = b.Pipeline.Services.GetRequiredService<IMonitoringReader>();
        var windows = await reader.GetRealizedPerformanceAsync("fraud", Start, Start.AddMinutes(1));
        windows.Select(w => (w.Segment, w.LabelCount, w.Metrics[RealizedMetricNames.Accuracy])).ShouldBe([("", 2L, 0.5), ("eu", 2L, 0.5)]);
        windows[0].WindowStart.ShouldBe(Start);
        windows[0].ComputedAt.ShouldBe(clock.GetUtcNow());

        // The same figure as one SQL query over the stored rows.
        var sql = await server.ScalarAsync($"""
            SELECT avg(CASE WHEN p.predicted_class = g.actual_class THEN 1.0 ELSE 0.0 END)
            FROM "{schema}".predictions p JOIN "{schema}".ground_truth g ON g.prediction_id = p.prediction_id;
            """);
        Convert.ToDouble(sql, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(0.5);
    }

    private TestPipeline Create(string schema, string replica, FakeTimeProvider clock) => TestPipeline.Create(
        o =>
        {
            o.ReplicaName = replica;
            o.AddModel("fraud", m => m.NumericFeatures("x"));
        },
        builder => builder.UsePostgreSql(o =>
        {
            o.DataSource = server.DataSource;
            o.Schema = schema;
        }),
        clock);
}
