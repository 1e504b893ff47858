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
            escalation_level, notified_channels)
        VALUES ($id, $model, $version, $environment, $name, $severity, $state, $message, $metric, $value, $threshold, $baseline,
            $ts, $started_at, $acknowledged_by, $acknowledged_at, $resolved_at, $resolved_by, $last_notified_at, $notification_count, $suppressed_count,
            $escalation_level, $notified_channels);
        """;

    private const string SilenceSql = """
        INSERT OR REPLACE INTO silences (id, model, alert_name, severity, starts_at, ends_at, created_by, comment)
        VALUES ($id, $model, $alert_name, $severity, $starts_at, $ends_at, $created_by, $comment);
        """;

    public static void Save(SqliteConnection connection, Alert alert)
    {
        ArgumentException.ThrowIfNullOrEmpty(alert.Id, nameof(alert));
        using var command = connection.CreateCommand();
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
        command.ExecuteNonQuery();
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

    private static long? Micros(DateTimeOffset? timestamp) => timestamp is { } t ? UnixMicroseconds.FromTimestamp(t) : null;

    private static void Add(SqliteCommand command, string name, object? value) => command.Parameters.AddWithValue(name, value ?? DBNull.Value);
}
