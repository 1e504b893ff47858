using System.Text.Json;
using ModelMonitoring.Fleet;
using ModelMonitoring.Recording;
using Npgsql;
using NpgsqlTypes;

namespace ModelMonitoring.PostgreSql.Internal.Fleet;

/// <summary>The fleet summary in <c>replicas</c>: one upserted row per replica, drops per reason as a <c>jsonb</c> object keyed by reason name.</summary>
internal sealed class PostgreSqlReplicaStore(PostgreSqlMonitoringStore store) : IReplicaStore
{
    private const string SaveSql = """
        INSERT INTO {schema}.replicas (name, started_at, last_seen, received, stored, dropped, dropped_by_reason, sink_failures, is_leader)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        ON CONFLICT (name) DO UPDATE SET started_at = excluded.started_at, last_seen = excluded.last_seen, received = excluded.received,
            stored = excluded.stored, dropped = excluded.dropped, dropped_by_reason = excluded.dropped_by_reason,
            sink_failures = excluded.sink_failures, is_leader = excluded.is_leader;
        """;

    private const string ReadSql = """
        SELECT name, started_at, last_seen, received, stored, dropped, dropped_by_reason::text, is_leader
        FROM {schema}.replicas ORDER BY name COLLATE "C";
        """;

    public async Task SaveReplicaAsync(ReplicaSummary replica, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(replica);
        ArgumentException.ThrowIfNullOrEmpty(replica.Name, nameof(replica));
        var reasons = JsonSerializer.Serialize(replica.DroppedByReason.ToDictionary(r => r.Key.ToString(), r => r.Value));
        using var connection = await store.OpenMigratedConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand(store.Sql[SaveSql], connection) { CommandTimeout = store.CommandTimeout };
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = replica.Name });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = Timestamps.ToStored(replica.StartedAt) });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = Timestamps.ToStored(replica.LastSeen) });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = replica.Received });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = replica.Stored });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = replica.Dropped });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = reasons, NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = replica.DroppedByReason.GetValueOrDefault(DropReason.SinkFailure) });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = replica.IsLeader });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ReplicaSummary>> GetReplicasAsync(CancellationToken cancellationToken = default)
    {
        using var connection = await store.OpenMigratedConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand(store.Sql[ReadSql], connection) { CommandTimeout = store.CommandTimeout };
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var replicas = new List<ReplicaSummary>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            replicas.Add(new ReplicaSummary
            {
                Name = reader.GetString(0),
                StartedAt = Timestamps.FromStored(reader.GetDateTime(1)),
                LastSeen = Timestamps.FromStored(reader.GetDateTime(2)),
                Received = reader.GetInt64(3),
                Stored = reader.GetInt64(4),
                Dropped = reader.GetInt64(5),
                DroppedByReason = ReadReasons(reader.GetString(6)),
                IsLeader = reader.GetBoolean(7),
            });
        }

        return replicas;
    }

    // A reason this version does not know (written by a newer replica) is left out rather than failing the read.
    private static Dictionary<DropReason, long> ReadReasons(string json)
    {
        var reasons = new Dictionary<DropReason, long>();
        foreach (var (name, count) in JsonSerializer.Deserialize<Dictionary<string, long>>(json) ?? [])
        {
            if (Enum.TryParse<DropReason>(name, ignoreCase: false, out var reason))
            {
                reasons[reason] = count;
            }
        }

        return reasons;
    }
}
