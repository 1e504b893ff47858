using System.Text.Json;
using Microsoft.Data.Sqlite;
using ModelMonitoring.Fleet;
using ModelMonitoring.Recording;
using ModelMonitoring.Sqlite.Internal.Codecs;

namespace ModelMonitoring.Sqlite.Internal.Writing;

/// <summary>Upserts a replica's row of the fleet summary on the write connection; the caller holds the store's write lock.</summary>
internal static class ReplicaWriter
{
    private const string SaveSql = """
        INSERT OR REPLACE INTO replicas (name, started_at, last_seen, received, stored, dropped, dropped_by_reason, sink_failures, is_leader)
        VALUES ($name, $started_at, $last_seen, $received, $stored, $dropped, $dropped_by_reason, $sink_failures, $is_leader);
        """;

    public static void Save(SqliteConnection connection, ReplicaSummary replica)
    {
        using var command = connection.CreateCommand();
        command.CommandText = SaveSql;
        command.Parameters.AddWithValue("$name", replica.Name);
        command.Parameters.AddWithValue("$started_at", UnixMicroseconds.FromTimestamp(replica.StartedAt));
        command.Parameters.AddWithValue("$last_seen", UnixMicroseconds.FromTimestamp(replica.LastSeen));
        command.Parameters.AddWithValue("$received", replica.Received);
        command.Parameters.AddWithValue("$stored", replica.Stored);
        command.Parameters.AddWithValue("$dropped", replica.Dropped);
        command.Parameters.AddWithValue("$dropped_by_reason", JsonSerializer.Serialize(replica.DroppedByReason.ToDictionary(r => r.Key.ToString(), r => r.Value)));
        command.Parameters.AddWithValue("$sink_failures", replica.DroppedByReason.GetValueOrDefault(DropReason.SinkFailure));
        command.Parameters.AddWithValue("$is_leader", replica.IsLeader ? 1L : 0L);
        command.ExecuteNonQuery();
    }
}
