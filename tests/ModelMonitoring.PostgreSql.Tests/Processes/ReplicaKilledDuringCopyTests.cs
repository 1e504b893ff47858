using System.Globalization;
using FleetReplica;
using ModelMonitoring.PostgreSql.Internal;
using ModelMonitoring.PostgreSql.Internal.Schema;
using ModelMonitoring.PostgreSql.Tests.Server;
using Npgsql;
using Xunit.Abstractions;

namespace ModelMonitoring.PostgreSql.Tests.Processes;

/// <summary>
/// Replica processes SIGKILLed inside the binary COPY of a batch (one transaction per batch) leave only whole batches
/// in the store, and nothing of the batch they were killed in.
/// </summary>
/// <remarks>
/// <para>
/// Each replica runs in group mode (samples/FleetReplica, <c>--Groups true</c>): one thread records 512 predictions
/// with ids (replica, sequence), then waits for FlushAsync before the next 512. Before the replicas start, the test
/// holds, in an open transaction of its own (<see cref="CopyBlocker"/>), one id of a random later group of each replica,
/// at a random position in it, as another replica writing the same id would. The batch holding that id copies its rows
/// and then waits on the primary key of <c>prediction_ids</c> for the test's transaction: the replica is then, as the
/// server shows (<c>pg_blocking_pids</c>), inside an open COPY transaction that has written rows (it has an xid), and
/// stays there until killed. The test kills it, checks that the same session still waits in the same transaction
/// (a dead client can neither commit nor cancel), rolls its own transaction back and waits until that session ends.
/// </para>
/// <para>
/// Then, per replica: no row carries the killed transaction's id (nothing of its batch is stored); the stored sequences
/// are exactly 0..n-1 (no batch is cut short or missing before a stored one), with every group before the held one
/// stored (they were flushed) and nothing from the held id on; <c>prediction_ids</c> (the first statement of a batch)
/// holds exactly the same ids, each written by the same transaction as its prediction. Nothing here assumes that a
/// group is one batch: a worker cycle may drain a group while it is being recorded, which writes it as two batches.
/// </para>
/// </remarks>
[Collection(PostgreSqlCollection.Name)]
public sealed class ReplicaKilledDuringCopyTests(PostgreSqlServer server, ITestOutputHelper output)
{
    private const int GroupSize = 512;
    private const int Replicas = 4;

    [Fact]
    public async Task ReplicasKilledInsideABatchCopy_LeaveOnlyWholeBatches_AndNothingOfTheBatchKilled()
    {
        var store = new FleetStore(server, PostgreSqlServer.NewSchemaName());
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"seed {seed}");
        await using (var connection = await server.DataSource.OpenConnectionAsync())
        {
            await SchemaMigrator.MigrateAsync(connection, new SqlText(store.Schema), Migrations.All, CancellationToken.None);
        }

        // The sequence each replica's held id has: in group 1 to 5, not its first row, so the batch has rows before it.
        var held = Enumerable.Range(0, Replicas).Select(_ => (random.Next(1, 6) * (long)GroupSize) + random.Next(1, GroupSize)).ToList();
        var blockers = new List<CopyBlocker>();
        var replicas = new List<ReplicaProcess>();
        BlockedCopy[] killed;
        try
        {
            for (var k = 0; k < Replicas; k++)
            {
                blockers.Add(await CopyBlocker.HoldAsync(server.DataSource, store, FleetTraffic.Id(k, held[k])));
            }

            replicas.AddRange(Enumerable.Range(0, Replicas).Select(k => ReplicaProcess.Start(Name(k), Settings(store.Schema, k))));
            killed = await Task.WhenAll(replicas.Select(async (replica, k) =>
            {
                var blocked = await Eventually.ValueAsync(() => blockers[k].BlockedCopyAsync(replica.Name), $"{replica.Name}'s COPY waits for the id {held[k]} the test holds", () => replica.Log);
                replica.Kill();
                (await blockers[k].BlockedCopyAsync(replica.Name)).ShouldBe(blocked, $"{replica.Name}'s session no longer waits inside transaction {blocked.Xid} once the process is killed");
                await blockers[k].DisposeAsync();
                await Eventually.TrueAsync(async () => !await store.SessionExistsAsync(blocked.Pid), $"{replica.Name}'s killed session {blocked.Pid} ends");
                return blocked;
            }));
        }
        finally
        {
            replicas.ForEach(r => r.Dispose());
            foreach (var blocker in blockers)
            {
                await blocker.DisposeAsync();
            }
        }

        var predictions = await store.SequencesAsync("predictions");
        var ids = await store.SequencesAsync("prediction_ids");
        var sameTransaction = Convert.ToInt64(await server.ScalarAsync($"""
            SELECT count(*) FROM {store.Table("predictions")} p JOIN {store.Table("prediction_ids")} i USING (prediction_id) WHERE p.xmin = i.xmin;
            """), CultureInfo.InvariantCulture);
        for (var k = 0; k < Replicas; k++)
        {
            var xid = killed[k].Xid;
            (await CountAsync(store, "predictions", xid)).ShouldBe(0, $"{Name(k)}: rows of the batch killed in transaction {xid} are stored");
            (await CountAsync(store, "prediction_ids", xid)).ShouldBe(0, $"{Name(k)}: ids of the batch killed in transaction {xid} are stored");
            var stored = FleetStore.PrefixLength(predictions.GetValueOrDefault(k, []), Name(k));
            stored.ShouldBeGreaterThanOrEqualTo(held[k] / GroupSize * GroupSize, $"{Name(k)}: the groups flushed before the held one are not all stored");
            stored.ShouldBeLessThanOrEqualTo(held[k], $"{Name(k)}: predictions from the held id {held[k]} on are stored, but its batch was killed");
            ids.GetValueOrDefault(k, []).ShouldBe(predictions[k], $"{Name(k)}: prediction_ids and predictions differ");
            output.WriteLine($"{Name(k)} killed inside the COPY of transaction {xid} (held id {held[k]}, group {held[k] / GroupSize}): {stored} predictions stored, none of that transaction");
        }

        sameTransaction.ShouldBe(predictions.Values.Sum(p => (long)p.Count), "a prediction and its id were stored by different transactions");
    }

    private async Task<long> CountAsync(FleetStore store, string table, string xid) =>
        Convert.ToInt64(await server.ScalarAsync($"SELECT count(*) FROM {store.Table(table)} WHERE xmin::text = '{xid}';"), CultureInfo.InvariantCulture);

    private Dictionary<string, string> Settings(string schema, int index) => new()
    {
        // The application name lets the test find the replica's sessions in pg_stat_activity.
        ["ConnectionString"] = new NpgsqlConnectionStringBuilder(server.ConnectionString) { ApplicationName = Name(index) }.ToString(),
        ["Schema"] = schema,
        ["Index"] = index.ToString(CultureInfo.InvariantCulture),
        ["Replicas"] = Replicas.ToString(CultureInfo.InvariantCulture),
        ["Groups"] = "true",
        ["GroupSize"] = GroupSize.ToString(CultureInfo.InvariantCulture),
        ["Labels"] = "none",
        ["CheckIntervalMs"] = "60000",

        // The held COPY waits until the kill: neither the server nor the pipeline may give it up first (the test's own timeout is 90 s).
        ["CommandTimeoutMs"] = "300000",
        ["SinkTimeoutMs"] = "360000",
    };

    private static string Name(int index) => $"killed-{index}";
}
