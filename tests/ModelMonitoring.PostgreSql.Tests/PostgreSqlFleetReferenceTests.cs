using ModelMonitoring.PostgreSql.Tests.Server;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.PostgreSql.Tests;

/// <summary>A reference learned from the first predictions is learned once for the fleet: by the leader, and loaded by the others.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlFleetReferenceTests(PostgreSqlServer server)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(1);
    private const int ReferenceRows = 200;

    [Fact]
    public async Task ThreeReplicasLearningFromTheirFirstPredictions_StoreOneReference_LearnedByTheLeader_AndAllUseIt()
    {
        var clock = new FakeTimeProvider(Start);
        var schema = PostgreSqlServer.NewSchemaName();
        await using var a = Create(schema, "replica-a", clock);
        await using var b = Create(schema, "replica-b", clock);
        await using var c = Create(schema, "replica-c", clock);
        await FlushAsync(a, b, c);
        a.Pipeline.GetStatistics().IsLeader.ShouldBeTrue();

        // Each replica sees different traffic: left alone, each would learn a reference of its own.
        foreach (var (replica, offset) in new[] { (a, 0), (b, 1_000), (c, 2_000) })
        {
            var monitor = replica.Pipeline.GetMonitor("fraud");
            for (var i = 0; i < ReferenceRows; i++)
            {
                monitor.RecordPrediction(new Prediction { NumericFeatures = [offset + i] });
            }
        }

        await FlushAsync(b, c, a);
        var learned = a.Pipeline.DriftMonitoring.GetStatus("fraud").Reference.ShouldNotBeNull();
        learned.RowCount.ShouldBe(ReferenceRows);
        b.Pipeline.DriftMonitoring.GetStatus("fraud").ReferenceRowsCollected.ShouldBe(0); // followers do not learn

        clock.Advance(CheckInterval); // the followers ask the store again
        await FlushAsync(b, c);

        foreach (var follower in new[] { b, c })
        {
            follower.Pipeline.DriftMonitoring.GetStatus("fraud").Reference.ShouldNotBeNull().ToBytes().ShouldBe(learned.ToBytes());
        }

        (await server.ScalarAsync($"SELECT count(*) FROM \"{schema}\".reference_profiles;")).ShouldBe(1L);
        learned.NumericFeatures.ShouldHaveSingleItem().Max.ShouldBe(ReferenceRows - 1); // the leader's own predictions
    }

    private TestPipeline Create(string schema, string replica, FakeTimeProvider clock) => TestPipeline.Create(
        o =>
        {
            o.ReplicaName = replica;
            o.AddModel("fraud", m => m.NumericFeatures("x").Drift(d =>
            {
                d.ReferenceFromFirst = ReferenceRows;
                d.CheckInterval = CheckInterval;
            }));
        },
        builder => builder.UsePostgreSql(o =>
        {
            o.DataSource = server.DataSource;
            o.Schema = schema;
        }),
        clock);

    private static async Task FlushAsync(params TestPipeline[] pipelines)
    {
        foreach (var pipeline in pipelines)
        {
            (await pipeline.Pipeline.FlushAsync()).ShouldBeTrue();
        }
    }
}
