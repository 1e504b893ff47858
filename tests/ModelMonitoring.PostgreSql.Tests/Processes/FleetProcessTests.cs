using System.Globalization;
using FleetReplica;
using ModelMonitoring.PostgreSql.Tests.Server;
using Xunit.Abstractions;

namespace ModelMonitoring.PostgreSql.Tests.Processes;

/// <summary>
/// Three replicas of one service as real processes (samples/FleetReplica) on one PostgreSQL schema: one alert and
/// one webhook notification for the fleet, a SIGKILLed leader succeeded at the survivors' next cycle, and the
/// store holding exactly what the replicas say they stored, with labels joined across replicas in plain SQL.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class FleetProcessTests(PostgreSqlServer server, ITestOutputHelper output)
{
    private const int Replicas = 3;

    [Fact]
    public async Task ThreeReplicaProcesses_OneAlertOneNotification_LeaderKilledIsSucceeded_AndTheStoreHoldsWhatTheyStored()
    {
        var store = new FleetStore(server, PostgreSqlServer.NewSchemaName());
        using var webhook = new WebhookReceiver();
        var replicas = Enumerable.Range(0, Replicas).Select(k => ReplicaProcess.Start($"replica-{k}", Settings(store.Schema, k, webhook.Url))).ToList();
        try
        {
            // Every replica's traffic fails half the time: the error-rate threshold (10%) is crossed in every window of every replica.
            await Eventually.TrueAsync(async () => await store.ExistsAsync() && await store.CountAsync("alerts") > 0 && webhook.Bodies.Count > 0, "the alert is stored and notified", () => Logs(replicas));

            // The leader, as the server sees it (the session holding the lease) and as the fleet summary and its own statistics say.
            var holder = (await Eventually.ValueAsync(async () => await store.LeaseHoldersAsync() is [var pid] ? new[] { pid } : null, "one lease holder"))[0];
            var leaderName = await Eventually.ValueAsync(
                async () => (await store.ReplicasAsync()).Where(r => r.IsLeader).Select(r => r.Name).ToList() is [var name] && replicas.Single(p => p.Name == name).Latest?.IsLeader == true ? name : null,
                "one replica row and one replica's statistics say it leads");
            var leader = replicas.Single(r => r.Name == leaderName);
            var survivors = replicas.Where(r => r != leader).ToList();

            leader.Kill();
            var killedReport = leader.Latest.ShouldNotBeNull();
            await Eventually.TrueAsync(async () => !await store.SessionExistsAsync(holder), "the killed leader's lease session ends");
            var freed = await store.ServerNowAsync();

            // The take-over, measured in the new leader's own stored rows: a row saved after the lease was freed can still say
            // "follower" only if its cycle checked the lease before that (at most one such cycle); the next cycle takes the lease.
            var seen = new Dictionary<string, SortedDictionary<DateTime, bool>>();
            var newLeader = await Eventually.ValueAsync(
                async () =>
                {
                    foreach (var row in (await store.ReplicasAsync()).Where(r => r.Name != leaderName && r.LastSeen > freed))
                    {
                        (seen.TryGetValue(row.Name, out var rows) ? rows : seen[row.Name] = [])[row.LastSeen] = row.IsLeader;
                    }

                    return seen.FirstOrDefault(s => s.Value.ContainsValue(true)).Key;
                },
                "a surviving replica's row says it leads");
            var followerRowsAfterFreed = seen[newLeader].TakeWhile(r => !r.Value).Count();
            var tookOverAt = seen[newLeader].First(r => r.Value).Key;
            output.WriteLine($"lease freed {freed:HH:mm:ss.fff}; {newLeader} leads from its row of {tookOverAt:HH:mm:ss.fff} ({(tookOverAt - freed).TotalMilliseconds:0} ms later, check interval 200 ms) after {followerRowsAfterFreed} follower row(s)");
            followerRowsAfterFreed.ShouldBeLessThanOrEqualTo(1, "the new leader took the lease later than its first cycle that began after the lease was freed");
            (await store.LeaseHoldersAsync()).ShouldHaveSingleItem();

            // The new leader closes windows whose error rate still crosses the threshold: the stored alert is found, not raised again.
            await Eventually.TrueAsync(async () => (await store.ReplicasAsync()).Any(r => r.Name == newLeader && r.IsLeader && r.LastSeen > tookOverAt.AddSeconds(2.5)), "the new leader leads for more than two windows");
            var finals = await Task.WhenAll(survivors.Select(s => s.StopAsync()));

            // One incident: one stored alert, one notification, from whichever replica led when it fired.
            (await store.CountAsync("alerts")).ShouldBe(1);
            var alertId = (string)(await server.ScalarAsync($"SELECT id FROM {store.Table("alerts")} WHERE name = 'threshold.error_rate' AND state = 'Firing';"))!;
            var notification = webhook.Bodies.ShouldHaveSingleItem();
            notification.GetProperty("id").GetString().ShouldBe(alertId);
            notification.GetProperty("state").GetString().ShouldBe("firing", StringCompareShould.IgnoreCase);

            // Accounting: what each replica says it stored is what the store holds for it.
            var predictions = await store.SequencesAsync("predictions");
            var labels = await store.SequencesAsync("ground_truth"); // keyed by the replica whose prediction a label is for
            var predictionCount = Enumerable.Range(0, Replicas).ToDictionary(k => k, k => FleetStore.PrefixLength(predictions.GetValueOrDefault(k, []), $"predictions of replica-{k}"));
            var labelCount = Enumerable.Range(0, Replicas).ToDictionary(k => k, k => FleetStore.PrefixLength(labels.GetValueOrDefault(k, []), $"labels for replica-{k}'s predictions"));
            long RowsOf(int k) => predictionCount[k] + labelCount[FleetTraffic.LabelledReplica(k, Replicas)];
            foreach (var final in finals)
            {
                var k = Index(final.Replica);
                final.Dropped.ShouldBe(0, final.Replica);
                final.Stored.ShouldBe(final.Received, final.Replica);
                final.Received.ShouldBe(final.Predictions + final.Labels, final.Replica);
                predictionCount[k].ShouldBe(final.Predictions, final.Replica);
                RowsOf(k).ShouldBe(final.Stored, final.Replica);
            }

            var killed = Index(leaderName);
            RowsOf(killed).ShouldBeGreaterThanOrEqualTo(killedReport.Stored, "rows the killed leader had reported stored are missing");
            var rows = await store.CountAsync("predictions") + await store.CountAsync("ground_truth");
            rows.ShouldBe(finals.Sum(f => f.Stored) + RowsOf(killed));

            // Fleet accuracy in one SQL query over the stored rows, against what the traffic's definition says it must be:
            // every replica's stored predictions are 0..n-1 and the labels for them (recorded by the next replica) 0..m-1.
            await using var command = server.DataSource.CreateCommand($"""
                SELECT count(*), avg(CASE WHEN p.predicted_class = g.actual_class THEN 1.0 ELSE 0.0 END)
                FROM {store.Table("predictions")} p JOIN {store.Table("ground_truth")} g USING (prediction_id)
                WHERE p.status = 'Success';
                """);
            await using var reader = await command.ExecuteReaderAsync();
            (await reader.ReadAsync()).ShouldBeTrue();
            var (joined, accuracy) = (reader.GetInt64(0), (double)reader.GetDecimal(1));
            var expected = Enumerable.Range(0, Replicas)
                .SelectMany(k => Sequence(Math.Min(predictionCount[k], labelCount[k])))
                .Where(i => !FleetTraffic.Fails(i, degraded: true))
                .ToList();
            Enumerable.Range(0, Replicas).ShouldAllBe(k => Math.Min(predictionCount[k], labelCount[k]) > 0, "every replica's predictions were labelled by another replica");
            joined.ShouldBe(expected.Count);
            accuracy.ShouldBe(expected.Count(FleetTraffic.Correct) / (double)expected.Count, 1e-12);
            output.WriteLine($"{rows} rows; {joined} labelled successful predictions, accuracy {accuracy:F6}");
        }
        finally
        {
            replicas.ForEach(r => r.Dispose());
        }
    }

    private Dictionary<string, string> Settings(string schema, int index, Uri webhook) => new()
    {
        ["ConnectionString"] = server.ConnectionString,
        ["Schema"] = schema,
        ["Index"] = index.ToString(CultureInfo.InvariantCulture),
        ["Replicas"] = Replicas.ToString(CultureInfo.InvariantCulture),
        ["Rate"] = "300",
        ["Degraded"] = "true",
        ["Webhook"] = webhook.ToString(),
        ["WindowMs"] = "1000",
        ["CheckIntervalMs"] = "200",
        ["ReportIntervalMs"] = "100",
    };

    private static int Index(string name) => int.Parse(name["replica-".Length..], CultureInfo.InvariantCulture);

    private static IEnumerable<long> Sequence(long count)
    {
        for (var i = 0L; i < count; i++)
        {
            yield return i;
        }
    }

    private static string Logs(IEnumerable<ReplicaProcess> replicas) => string.Join(Environment.NewLine, replicas.Select(r => $"--- {r.Name}:{Environment.NewLine}{r.Log}"));
}
