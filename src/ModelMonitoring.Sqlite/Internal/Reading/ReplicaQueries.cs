using System.Text.Json;
using Microsoft.Data.Sqlite;
using ModelMonitoring.Fleet;
using ModelMonitoring.Recording;
using ModelMonitoring.Sqlite.Internal.Codecs;

namespace ModelMonitoring.Sqlite.Internal.Reading;

/// <summary>Reads the fleet summary, by replica name.</summary>
internal static class ReplicaQueries
{
    private const string Sql = """
        SELECT name, started_at, last_seen, received, stored, dropped, dropped_by_reason, is_leader
        FROM replicas ORDER BY name;
        """;

    public static async Task<IReadOnlyList<ReplicaSummary>> ReadAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var replicas = new List<ReplicaSummary>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            replicas.Add(new ReplicaSummary
            {
                Name = reader.GetString(0),
                StartedAt = UnixMicroseconds.ToTimestamp(reader.GetInt64(1)),
                LastSeen = UnixMicroseconds.ToTimestamp(reader.GetInt64(2)),
                Received = reader.GetInt64(3),
                Stored = reader.GetInt64(4),
                Dropped = reader.GetInt64(5),
                DroppedByReason = ReadReasons(reader.GetString(6)),
                IsLeader = reader.GetInt64(7) != 0,
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
