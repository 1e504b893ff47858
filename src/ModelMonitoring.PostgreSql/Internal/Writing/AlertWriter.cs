using ModelMonitoring.Alerting;
using Npgsql;
using NpgsqlTypes;

namespace ModelMonitoring.PostgreSql.Internal.Writing;

/// <summary>Upserts an alert by id: a later save of the same alert replaces every field in place.</summary>
internal static class AlertWriter
{
    private const string Sql = """
        INSERT INTO {schema}.alerts (id, model, version, environment, name, severity, state, message, metric, value, threshold, baseline,
            updated_at, started_at, acknowledged_by, acknowledged_at, resolved_at, resolved_by, last_notified_at, notification_count,
            suppressed_count, escalation_level, notified_channels)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
        ON CONFLICT (id) DO UPDATE SET
            model = excluded.model, version = excluded.version, environment = excluded.environment, name = excluded.name,
            severity = excluded.severity, state = excluded.state, message = excluded.message, metric = excluded.metric,
            value = excluded.value, threshold = excluded.threshold, baseline = excluded.baseline, updated_at = excluded.updated_at,
            started_at = excluded.started_at, acknowledged_by = excluded.acknowledged_by, acknowledged_at = excluded.acknowledged_at,
            resolved_at = excluded.resolved_at, resolved_by = excluded.resolved_by, last_notified_at = excluded.last_notified_at,
            notification_count = excluded.notification_count, suppressed_count = excluded.suppressed_count,
            escalation_level = excluded.escalation_level, notified_channels = excluded.notified_channels;
        """;

    public static async Task SaveAsync(NpgsqlConnection connection, SqlText sql, Alert alert, int commandTimeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(alert.Id, nameof(alert));
        using var command = new NpgsqlCommand(sql[Sql], connection) { CommandTimeout = commandTimeout };
        Parameters.AddTo(
            command.Parameters,
            Parameters.Text(alert.Id),
            Parameters.Text(alert.Model),
            Parameters.Text(alert.Version),
            Parameters.Text(alert.Environment),
            Parameters.Text(alert.Name),
            Parameters.Text(EnumText.Name(alert.Severity)),
            Parameters.Text(EnumText.Name(alert.State)),
            Parameters.Text(alert.Message),
            Parameters.Text(alert.Metric),
            Parameters.Double(alert.Value),
            Parameters.Double(alert.Threshold),
            Parameters.Double(alert.Baseline),
            Parameters.Timestamp(alert.Timestamp),
            Parameters.Timestamp(alert.StartedAt ?? alert.Timestamp),
            Parameters.Text(alert.AcknowledgedBy),
            Parameters.Timestamp(alert.AcknowledgedAt),
            Parameters.Timestamp(alert.ResolvedAt),
            Parameters.Text(alert.ResolvedBy),
            Parameters.Timestamp(alert.LastNotifiedAt),
            Parameters.Integer(alert.NotificationCount),
            Parameters.Integer(alert.SuppressedCount),
            Parameters.Integer(alert.EscalationLevel),
            Parameters.Of(alert.NotifiedChannels?.ToArray() ?? [], NpgsqlDbType.Array | NpgsqlDbType.Text));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
