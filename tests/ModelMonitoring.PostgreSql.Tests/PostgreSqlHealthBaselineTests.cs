using Microsoft.Extensions.DependencyInjection;
using ModelMonitoring.Health;
using ModelMonitoring.PostgreSql.Tests.Server;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.PostgreSql.Tests;

/// <summary>
/// A learned health baseline outlives its process on PostgreSQL too: a second replica that takes over the store judges
/// the windows after the takeover against the latency learned before it.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlHealthBaselineTests(PostgreSqlServer server)
{
    [Fact]
    public async Task AReplicaTakingOver_JudgesAgainstTheBaselineLearnedBeforeIt()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
        await using (var first = Create(schema, "replica-a", clock))
        {
            for (var window = 0; window < 6; window++)
            {
                Record(first.Pipeline.GetMonitor("fraud"), latencyMs: 5);
                clock.Advance(TimeSpan.FromSeconds(62));
                (await first.Pipeline.FlushAsync()).ShouldBeTrue();
            }
        }

        await using var second = Create(schema, "replica-b", clock);
        Record(second.Pipeline.GetMonitor("fraud"), latencyMs: 20);
        clock.Advance(TimeSpan.FromSeconds(62));
        (await second.Pipeline.FlushAsync()).ShouldBeTrue();

        var latest = (await second.Pipeline.Services.GetRequiredService<IModelHealthReader>().GetLatestHealthAsync("fraud")).ShouldNotBeNull();
        latest.Reasons.ShouldHaveSingleItem().Message.ShouldBe("p95 latency 20 ms is 4.00x the baseline 5 ms (warning 1.5x, critical 3x)");
        second.Pipeline.GetStatistics().StageFailures.ShouldBe(0);
    }

    private TestPipeline Create(string schema, string replica, FakeTimeProvider clock) => TestPipeline.Create(
        o =>
        {
            o.ReplicaName = replica;
            o.AddModel("fraud", m => m.NumericFeatures("x").Health(h => h.LatencyBaseline = null));
        },
        builder => builder.UsePostgreSql(o => (o.DataSource, o.Schema) = (server.DataSource, schema)),
        clock);

    private static void Record(IModelMonitor monitor, double latencyMs)
    {
        for (var i = 0; i < 20; i++)
        {
            monitor.RecordPrediction(new Prediction { NumericFeatures = [i], PredictedClass = "ok", Latency = TimeSpan.FromMilliseconds(latencyMs) });
        }
    }
}
