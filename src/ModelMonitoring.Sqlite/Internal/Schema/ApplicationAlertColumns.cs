namespace ModelMonitoring.Sqlite.Internal.Schema;

/// <summary>
/// Schema version 7: alerts raised by the application keep their metadata, expiry, channels and count of
/// raises. Metadata gets a table of its own (one row per entry, in the order given) so that plain SQL reads
/// it without this package's codecs; <c>v_alerts</c> is recreated with the new columns and the metadata as a
/// JSON object.
/// </summary>
/// <remarks>
/// Alerts stored before this version read back with no metadata, no expiry, the severity's route and one
/// occurrence, which is what they were. <c>v_alerts</c> keeps every column of version 5 in its place.
/// </remarks>
internal static class ApplicationAlertColumns
{
    public static readonly Migration Migration = new(7, "metadata, expiry, channels and occurrences of alerts", """
        ALTER TABLE alerts ADD COLUMN expires_at INTEGER;
        ALTER TABLE alerts ADD COLUMN channels BLOB;
        ALTER TABLE alerts ADD COLUMN occurrences INTEGER NOT NULL DEFAULT 1;

        CREATE TABLE alert_metadata (
            alert_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (alert_id, position)
        ) STRICT, WITHOUT ROWID;

        DROP VIEW v_alerts;

        CREATE VIEW v_alerts AS
        SELECT a.id AS id, a.model AS model, a.version AS version, a.environment AS environment, a.name AS name,
               CASE a.severity WHEN 0 THEN 'Info' WHEN 1 THEN 'Warning' WHEN 2 THEN 'Critical' END AS severity,
               CASE a.state WHEN 0 THEN 'Firing' WHEN 1 THEN 'Resolved' WHEN 2 THEN 'Acknowledged' END AS state,
               a.message AS message, a.metric AS metric, a.value AS value, a.threshold AS threshold, a.baseline AS baseline,
               strftime('%Y-%m-%dT%H:%M:%fZ', a.started_at / 1000000.0, 'unixepoch') AS started_time, a.started_at / 1000 AS started_unix_ms,
               strftime('%Y-%m-%dT%H:%M:%fZ', a.ts / 1000000.0, 'unixepoch') AS updated_time,
               strftime('%Y-%m-%dT%H:%M:%fZ', a.acknowledged_at / 1000000.0, 'unixepoch') AS acknowledged_time, a.acknowledged_by AS acknowledged_by,
               strftime('%Y-%m-%dT%H:%M:%fZ', a.resolved_at / 1000000.0, 'unixepoch') AS resolved_time, a.resolved_by AS resolved_by,
               a.notification_count AS notification_count, a.suppressed_count AS suppressed_count, a.escalation_level AS escalation_level,
               strftime('%Y-%m-%dT%H:%M:%fZ', a.expires_at / 1000000.0, 'unixepoch') AS expires_time, a.expires_at / 1000 AS expires_unix_ms,
               a.occurrences AS occurrences,
               (SELECT json_group_object(e.key, e.value) FROM (SELECT key, value FROM alert_metadata WHERE alert_id = a.id ORDER BY position) e) AS metadata
        FROM alerts a;
        """);
}
