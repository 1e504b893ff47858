using FleetReplica;
using ModelMonitoring.PostgreSql.Tests.Server;
using ModelMonitoring.Recording;
using Npgsql;

namespace ModelMonitoring.PostgreSql.Tests.Processes;

/// <summary>A replica process started while its database is down keeps recording, counts what it cannot store, and stores again once the database is back.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class ReplicaDatabaseDownTests
{
    [Fact]
    public async Task ReplicaStartedWhileTheDatabaseIsDown_CountsSinkFailures_AndCatchesUpWhenItComesBack()
    {
        // A server of its own, stopped before the replica starts: the replica finds a closed port.
        using var database = ThrowawayServer.Start();
        database.Stop();
        using var replica = ReplicaProcess.Start("replica-0", new Dictionary<string, string>
        {
            ["ConnectionString"] = database.ConnectionString,
            ["Labels"] = "self",
            ["Rate"] = "300",
            ["CheckIntervalMs"] = "200",
            ["ReportIntervalMs"] = "100",
            ["SinkRetries"] = "1", // a batch is dropped (and counted) after one retry, so drops show quickly
        });

        var down = await replica.WaitForReportAsync(r => r.DroppedByReason.GetValueOrDefault(nameof(DropReason.SinkFailure)) > 0 && r.Received > 0, "batches dropped as sink failures while the database is down");
        down.Stored.ShouldBe(0);
        database.StartAgain();
        var recordedBeforeRestart = replica.Latest!.Predictions;

        // Catching up: predictions recorded after the database came back are stored.
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await Eventually.TrueAsync(
            async () =>
            {
                await using var exists = dataSource.CreateCommand("SELECT to_regclass('model_monitoring.replicas') IS NOT NULL;");
                if (await exists.ExecuteScalarAsync() is not true || replica.Latest!.Stored == 0)
                {
                    return false;
                }

                await using var saved = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM model_monitoring.replicas);");
                return await saved.ExecuteScalarAsync() is true;
            },
            "the replica stores again",
            () => replica.Log);
        var final = await replica.StopAsync();

        var sinkFailures = final.DroppedByReason.GetValueOrDefault(nameof(DropReason.SinkFailure));
        sinkFailures.ShouldBeGreaterThan(0);
        final.DroppedByReason.Keys.ShouldBe([nameof(DropReason.SinkFailure)]);
        final.Received.ShouldBe(final.Predictions + final.Labels);
        final.Received.ShouldBe(final.Stored + final.Dropped); // nothing is left buffered after the final flush
        var predictions = await SequencesAsync(dataSource, "predictions");
        var labels = await SequencesAsync(dataSource, "ground_truth");
        ((long)predictions.Count + labels.Count).ShouldBe(final.Stored);
        predictions.Max().ShouldBeGreaterThanOrEqualTo(recordedBeforeRestart);
        predictions.Last().ShouldBe(final.Predictions - 1, "the last predictions, recorded with the database up, are stored");

        // The fleet summary says the same, drops by reason included.
        await using var summary = dataSource.CreateCommand("SELECT received, stored, dropped, (dropped_by_reason ->> 'SinkFailure')::bigint FROM model_monitoring.replicas WHERE name = 'replica-0';");
        await using var reader = await summary.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)).ShouldBe((final.Received, final.Stored, final.Dropped, sinkFailures));
    }

    private static async Task<List<long>> SequencesAsync(NpgsqlDataSource dataSource, string table)
    {
        await using var command = dataSource.CreateCommand($"SELECT prediction_id FROM model_monitoring.{table};");
        await using var reader = await command.ExecuteReaderAsync();
        var sequences = new List<long>();
        while (await reader.ReadAsync())
        {
            sequences.Add(FleetTraffic.Decode(PredictionId.FromGuid(reader.GetGuid(0))).Sequence);
        }

        sequences.Sort();
        return sequences;
    }
}
