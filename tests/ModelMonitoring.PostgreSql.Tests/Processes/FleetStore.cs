using FleetReplica;
using ModelMonitoring.PostgreSql.Tests.Server;
using ModelMonitoring.Recording;
using Npgsql;

namespace ModelMonitoring.PostgreSql.Tests.Processes;

/// <summary>What the replicas' shared schema holds, read with plain SQL, and the lease as the server sees it.</summary>
internal sealed class FleetStore(PostgreSqlServer server, string schema)
{
    public string Schema => schema;

    public string Table(string name) => $"\"{schema}\".{name}";

    public async Task<long> CountAsync(string table, string where = "true") =>
        Convert.ToInt64(await server.ScalarAsync($"SELECT count(*) FROM {Table(table)} WHERE {where};"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether the schema exists yet (the first replica creates it).</summary>
    public async Task<bool> ExistsAsync() => await server.ScalarAsync($"SELECT to_regclass('\"{schema}\".replicas') IS NOT NULL;") is true;

    /// <summary>Gets the sequence numbers, per replica index, of the stored prediction ids of a table (predictions, prediction_ids or ground_truth).</summary>
    public async Task<Dictionary<int, List<long>>> SequencesAsync(string table)
    {
        var sequences = new Dictionary<int, List<long>>();
        await using var command = server.DataSource.CreateCommand($"SELECT prediction_id FROM {Table(table)};");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var (index, sequence) = FleetTraffic.Decode(PredictionId.FromGuid(reader.GetGuid(0)));
            if (!sequences.TryGetValue(index, out var list))
            {
                sequences[index] = list = [];
            }

            list.Add(sequence);
        }

        foreach (var list in sequences.Values)
        {
            list.Sort();
        }

        return sequences;
    }

    /// <summary>Gets the fleet summary rows: name, last seen, leader flag.</summary>
    public async Task<List<(string Name, DateTime LastSeen, bool IsLeader)>> ReplicasAsync()
    {
        var rows = new List<(string, DateTime, bool)>();
        if (!await ExistsAsync())
        {
            return rows;
        }

        await using var command = server.DataSource.CreateCommand($"SELECT name, last_seen, is_leader FROM {Table("replicas")};");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetDateTime(1), reader.GetBoolean(2)));
        }

        return rows;
    }

    /// <summary>Gets the server process ids holding this schema's fleet lease (the advisory lock of PostgreSqlLeaderLease).</summary>
    public async Task<List<int>> LeaseHoldersAsync()
    {
        await using var command = server.DataSource.CreateCommand("""
            SELECT pid FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND objid = (hashtext('ModelMonitoring.PostgreSql:leader:' || $1)::bigint & 4294967295)::oid;
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = schema });
        var pids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            pids.Add(reader.GetInt32(0));
        }

        return pids;
    }

    public async Task<bool> SessionExistsAsync(int pid) =>
        await server.ScalarAsync($"SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = {pid});") is true;

    public async Task<DateTime> ServerNowAsync() => (DateTime)(await server.ScalarAsync("SELECT clock_timestamp();"))!;

    /// <summary>Asserts that the sequence numbers are exactly 0 .. n-1 and returns n.</summary>
    public static long PrefixLength(IReadOnlyList<long> sequences, string what)
    {
        for (var i = 0; i < sequences.Count; i++)
        {
            sequences[i].ShouldBe(i, $"{what}: the stored sequence numbers are not 0..{sequences.Count - 1} (first gap or duplicate at position {i})");
        }

        return sequences.Count;
    }
}
