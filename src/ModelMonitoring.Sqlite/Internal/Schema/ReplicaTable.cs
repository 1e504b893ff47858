namespace ModelMonitoring.Sqlite.Internal.Schema;

/// <summary>
/// Schema version 8: the fleet summary (<see cref="ModelMonitoring.Fleet.IReplicaStore"/>), one row per pipeline
/// that writes to the file, upserted by its worker at most once per flush interval. Times are microseconds since the Unix epoch, drops
/// per reason a JSON object keyed by reason name; <c>v_replicas</c> shows the times readably.
/// </summary>
internal static class ReplicaTable
{
    public static readonly Migration Migration = new(8, "fleet summary: one row per replica", """
        CREATE TABLE replicas (
            name TEXT PRIMARY KEY,
            started_at INTEGER NOT NULL,
            last_seen INTEGER NOT NULL,
            received INTEGER NOT NULL,
            stored INTEGER NOT NULL,
            dropped INTEGER NOT NULL,
            dropped_by_reason TEXT NOT NULL,
            sink_failures INTEGER NOT NULL,
            is_leader INTEGER NOT NULL
        ) STRICT;

        CREATE VIEW v_replicas AS
        SELECT r.name AS name,
               strftime('%Y-%m-%dT%H:%M:%fZ', r.started_at / 1000000.0, 'unixepoch') AS started_time,
               strftime('%Y-%m-%dT%H:%M:%fZ', r.last_seen / 1000000.0, 'unixepoch') AS last_seen_time,
               r.received AS received, r.stored AS stored, r.dropped AS dropped, r.dropped_by_reason AS dropped_by_reason,
               r.sink_failures AS sink_failures, r.is_leader AS is_leader
        FROM replicas r;
        """);
}
