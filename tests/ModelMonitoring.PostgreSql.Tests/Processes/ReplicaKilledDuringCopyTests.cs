using System.Globalization;
using FleetReplica;
using ModelMonitoring.PostgreSql.Tests.Server;
using Npgsql;
using Xunit.Abstractions;

namespace ModelMonitoring.PostgreSql.Tests.Processes;

/// <summary>
/// Replica processes SIGKILLed at random moments of a steady stream of batch writes (binary COPY in one transaction
/// per batch) leave only whole batches in the store.
/// </summary>
/// <remarks>
/// How a partial batch would be seen: each replica runs in group mode (samples/FleetReplica, <c>--Groups true</c>):
/// one thread records 512 predictions with ids (replica, sequence), then waits for FlushAsync before the next 512,
/// and the pipeline's batch size is 512. So each group is exactly one batch (nothing else is buffered while it is
/// written), and a batch's rows are known from their ids alone: group g is sequences 512g .. 512g+511. The store
/// keeps a batch whole if and only if, for every killed replica: its stored sequences are 0..n-1 with n a multiple
/// of 512 (no group is cut short, none is missing before a stored one), every group's rows carry one transaction id
/// (<c>xmin</c>), and the id index <c>prediction_ids</c> (a second statement of the same batch) holds exactly the same
/// ids. A batch written in more than one transaction, or COPY rows committed before the rest, would break one of these.
/// The kills are aimed at writes: after a random number of stored groups, the test waits until the replica's session
/// (found by its application name) has an open transaction with an xid, then kills it; when no row carries that xid
/// afterwards, that transaction was cut off by the kill, and the test requires that this happened at least once.
/// </remarks>
[Collection(PostgreSqlCollection.Name)]
public sealed class ReplicaKilledDuringCopyTests(PostgreSqlServer server, ITestOutputHelper output)
{
    private const int GroupSize = 512;
    private const int Rounds = 1;
    private const int PerRound = 4;

    [Fact]
    public async Task ReplicasKilledAtRandomDuringWrites_LeaveOnlyWholeBatches()
    {
        var store = new FleetStore(server, PostgreSqlServer.NewSchemaName());
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"seed {seed}");
        var cutOff = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var indexes = Enumerable.Range(round * PerRound, PerRound).ToList();
            var replicas = indexes.Select(k => ReplicaProcess.Start(Name(k), Settings(store.Schema, k))).ToList();
            try
            {
                var kills = replicas.Select(async replica =>
                {
                    var k = Index(replica.Name);
                    var groups = random.Next(1, 6);
                    await Eventually.TrueAsync(async () => await store.ExistsAsync() && await store.CountAsync("predictions", High(k)) >= groups * GroupSize, $"{replica.Name} stores {groups} group(s)", () => replica.Log);
                    var xid = await Eventually.ValueAsync(() => OpenTransactionAsync(replica.Name), $"{replica.Name} has a write transaction open", () => replica.Log);
                    replica.Kill();
                    return (k, xid);
                });
                foreach (var (k, xid) in await Task.WhenAll(kills))
                {
                    var committed = Convert.ToInt64(await server.ScalarAsync($"SELECT count(*) FROM {store.Table("predictions")} WHERE xmin::text = '{xid}';"), CultureInfo.InvariantCulture);
                    cutOff += committed == 0 ? 1 : 0;
                    output.WriteLine($"{Name(k)} killed with transaction {xid} open: {(committed == 0 ? "cut off, nothing of it stored" : $"it committed {committed} rows before the kill")}");
                }
            }
            finally
            {
                replicas.ForEach(r => r.Dispose());
            }
        }

        var predictions = await store.SequencesAsync("predictions");
        var ids = await store.SequencesAsync("prediction_ids");
        var transactions = await TransactionsPerGroupAsync(store);
        for (var k = 0; k < Rounds * PerRound; k++)
        {
            var stored = FleetStore.PrefixLength(predictions.GetValueOrDefault(k, []), Name(k));
            stored.ShouldBeGreaterThan(0, Name(k));
            (stored % GroupSize).ShouldBe(0, $"{Name(k)} stored {stored} predictions: a batch of {GroupSize} was cut short");
            ids.GetValueOrDefault(k, []).ShouldBe(predictions[k], $"{Name(k)}: prediction_ids and predictions differ");
            for (var g = 0L; g < stored / GroupSize; g++)
            {
                transactions[(k, g)].ShouldBe(1, $"{Name(k)} group {g} was written by more than one transaction");
            }

            output.WriteLine($"{Name(k)}: {stored / GroupSize} whole batches");
        }

        cutOff.ShouldBeGreaterThan(0, "no kill landed inside a write transaction");
    }

    // A batch's transaction: the replica's other writes (its fleet-summary row, partition upkeep) are left out.
    private async Task<string?> OpenTransactionAsync(string applicationName)
    {
        await using var command = server.DataSource.CreateCommand("""
            SELECT backend_xid::text FROM pg_stat_activity
            WHERE application_name = $1 AND backend_xid IS NOT NULL AND query NOT LIKE '%replicas%' AND query NOT ILIKE '%partition%';
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = applicationName });
        return await command.ExecuteScalarAsync() as string;
    }

    private async Task<Dictionary<(int Index, long Group), long>> TransactionsPerGroupAsync(FleetStore store)
    {
        var result = new Dictionary<(int, long), long>();
        await using var command = server.DataSource.CreateCommand($"SELECT prediction_id, xmin::text FROM {store.Table("predictions")};");
        await using var reader = await command.ExecuteReaderAsync();
        var seen = new Dictionary<(int, long), HashSet<string>>();
        while (await reader.ReadAsync())
        {
            var (index, sequence) = FleetTraffic.Decode(Recording.PredictionId.FromGuid(reader.GetGuid(0)));
            var key = (index, sequence / GroupSize);
            (seen.TryGetValue(key, out var set) ? set : seen[key] = []).Add(reader.GetString(1));
        }

        foreach (var (key, set) in seen)
        {
            result[key] = set.Count;
        }

        return result;
    }

    // The replica's index is the high half of its prediction ids (FleetTraffic.Id), the first 8 bytes of the stored uuid.
    private static string High(int index) => $"substr(prediction_id::text, 1, 18) = '{FleetTraffic.Id(index, 0).ToGuid().ToString()[..18]}'";

    private Dictionary<string, string> Settings(string schema, int index) => new()
    {
        // The application name lets the test find the replica's sessions in pg_stat_activity.
        ["ConnectionString"] = new NpgsqlConnectionStringBuilder(server.ConnectionString) { ApplicationName = Name(index) }.ToString(),
        ["Schema"] = schema,
        ["Index"] = index.ToString(CultureInfo.InvariantCulture),
        ["Replicas"] = (Rounds * PerRound).ToString(CultureInfo.InvariantCulture),
        ["Groups"] = "true",
        ["GroupSize"] = GroupSize.ToString(CultureInfo.InvariantCulture),
        ["Labels"] = "none",
        ["CheckIntervalMs"] = "60000", // no timer cycle: batches are cut by the flushes only
    };

    private static string Name(int index) => $"killed-{index}";

    private static int Index(string name) => int.Parse(name["killed-".Length..], CultureInfo.InvariantCulture);
}
