using System.Buffers;
using Microsoft.Data.Sqlite;
using ModelMonitoring.Alerting;
using ModelMonitoring.Sqlite.Internal.Codecs;

namespace ModelMonitoring.Sqlite.Internal.Writing;

/// <summary>Upserts alerts and silences on the write connection; the caller holds the store's write lock.</summary>
internal static class AlertWriter
{
    private const string AlertSql = """
        INSERT OR REPLACE INTO alerts (id, model, version, environment, name, severity, state, message, metric, value, threshold, baseline,
            ts, started_at, acknowledged_by, acknowledged_at, resolved_at, resolved_by, last_notified_at, notification_count, suppressed_count,
            escalation_level, notified_channels, expires_at, channels, occurrences)
        VALUES ($id, $model, $version, $environment, $name, $severity, $state, $message, $metric, $value, $threshold, $baseline,
            $ts, $started_at, $acknowledged_by, $acknowledged_at, $resolved_at, $resolved_by, $last_notified_at, $notification_count, $suppressed_count,
            $escalation_level, $notified_channels, $expires_at, $channels, $occurrences);
        """;

    private const string DeleteMetadataSql = "DELETE FROM alert_metadata WHERE alert_id = $id;";

    private const string MetadataSql = "INSERT INTO alert_metadata (alert_id, position, key, value) VALUES ($id, $position, $key, $value);";

    private const string SilenceSql = """
        INSERT OR REPLACE INTO silences (id, model, alert_name, severity, starts_at, ends_at, created_by, comment)
        VALUES ($id, $model, $alert_name, $severity, $starts_at, $ends_at, $created_by, $comment);
        """;

    /// <summary>Upserts the alert and replaces its metadata, in one transaction.</summary>
    public static void Save(SqliteConnection connection, Alert alert)
    {
        ArgumentException.ThrowIfNullOrEmpty(alert.Id, nameof(alert));
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = AlertSql;
        var buffer = new ArrayBufferWriter<byte>();
        Add(command, "$id", alert.Id);
        Add(command, "$model", alert.Model);
        Add(command, "$version", alert.Version);
        Add(command, "$environment", alert.Environment);
        Add(command, "$name", alert.Name);
        Add(command, "$severity", (long)alert.Severity);
        Add(command, "$state", (long)alert.State);
        Add(command, "$message", alert.Message);
        Add(command, "$metric", alert.Metric);
        Add(command, "$value", alert.Value);
        Add(command, "$threshold", alert.Threshold);
        Add(command, "$baseline", alert.Baseline);
        Add(command, "$ts", Micros(alert.Timestamp));
        Add(command, "$started_at", Micros(alert.StartedAt ?? alert.Timestamp));
        Add(command, "$acknowledged_by", alert.AcknowledgedBy);
        Add(command, "$acknowledged_at", Micros(alert.AcknowledgedAt));
        Add(command, "$resolved_at", Micros(alert.ResolvedAt));
        Add(command, "$resolved_by", alert.ResolvedBy);
        Add(command, "$last_notified_at", Micros(alert.LastNotifiedAt));
        Add(command, "$notification_count", (long)alert.NotificationCount);
        Add(command, "$suppressed_count", (long)alert.SuppressedCount);
        Add(command, "$escalation_level", (long)alert.EscalationLevel);
        Add(command, "$notified_channels", StringListCodec.WriteStrings(alert.NotifiedChannels, buffer).ToArray());
        Add(command, "$expires_at", Micros(alert.ExpiresAt));
        Add(command, "$channels", alert.Channels.Count == 0 ? null : StringListCodec.WriteStrings(alert.Channels, buffer).ToArray());
        Add(command, "$occurrences", (long)alert.Occurrences);
        command.ExecuteNonQuery();
        SaveMetadata(connection, transaction, alert);
        transaction.Commit();
    }

    public static void Save(SqliteConnection connection, Silence silence)
    {
        ArgumentException.ThrowIfNullOrEmpty(silence.Id, nameof(silence));
        using var command = connection.CreateCommand();
        command.CommandText = SilenceSql;
        Add(command, "$id", silence.Id);
        Add(command, "$model", silence.Model);
        Add(command, "$alert_name", silence.AlertName);
        Add(command, "$severity", silence.Severity is { } severity ? (long)severity : null);
        Add(command, "$starts_at", Micros(silence.StartsAt));
        Add(command, "$ends_at", Micros(silence.EndsAt));
        Add(command, "$created_by", silence.CreatedBy);
        Add(command, "$comment", silence.Comment);
        command.ExecuteNonQuery();
    }

    private static void SaveMetadata(SqliteConnection connection, SqliteTransaction transaction, Alert alert)
    {
        using (var delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = DeleteMetadataSql;
            Add(delete, "$id", alert.Id);
            delete.ExecuteNonQuery();
        }

        if (alert.Metadata.Count == 0)
        {
            return;
        }

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = MetadataSql;
        var id = insert.Parameters.AddWithValue("$id", alert.Id);
        var position = insert.Parameters.Add("$position", SqliteType.Integer);
        var key = insert.Parameters.Add("$key", SqliteType.Text);
        var value = insert.Parameters.Add("$value", SqliteType.Text);
        var i = 0L;
        foreach (var (k, v) in alert.Metadata)
        {
            position.Value = i++;
            key.Value = k;
            value.Value = v;
            insert.ExecuteNonQuery();
        }
    }

    private static long? Micros(DateTimeOffset? timestamp) => timestamp is { } t ? UnixMicroseconds.FromTimestamp(t) : null;

    private static void Add(SqliteCommand command, string name, object? value) => command.Parameters.AddWithValue(name, value ?? DBNull.Value);
}
