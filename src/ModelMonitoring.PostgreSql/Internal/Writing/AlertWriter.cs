using ModelMonitoring.Alerting;
using Npgsql;
using NpgsqlTypes;

namespace ModelMonitoring.PostgreSql.Internal.Writing;

/// <summary>
/// Upserts an alert by id and replaces its metadata, in one transaction and one round trip: a later save
/// of the same alert replaces every field in place, and a reader never sees the alert without its metadata.
/// </summary>
/// <remarks>
/// Two replicas saving the same alert at once take turns: the upsert locks the alert's row until its
/// transaction ends, so the second deletes the metadata the first inserted rather than clashing with it.
/// </remarks>
internal static class AlertWriter
{
    private const string AlertSql = """
        INSERT INTO {schema}.alerts (id, model, version, environment, name, severity, state, message, metric, value, threshold, baseline,
            updated_at, started_at, acknowledged_by, acknowledged_at, resolved_at, resolved_by, last_notified_at, notification_count,
            suppressed_count, escalation_level, notified_channels, expires_at, channels, occurrences)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)
        ON CONFLICT (id) DO UPDATE SET
            model = excluded.model, version = excluded.version, environment = excluded.environment, name = excluded.name,
            severity = excluded.severity, state = excluded.state, message = excluded.message, metric = excluded.metric,
            value = excluded.value, threshold = excluded.threshold, baseline = excluded.baseline, updated_at = excluded.updated_at,
            started_at = excluded.started_at, acknowledged_by = excluded.acknowledged_by, acknowledged_at = excluded.acknowledged_at,
            resolved_at = excluded.resolved_at, resolved_by = excluded.resolved_by, last_notified_at = excluded.last_notified_at,
            notification_count = excluded.notification_count, suppressed_count = excluded.suppressed_count,
            escalation_level = excluded.escalation_level, notified_channels = excluded.notified_channels,
            expires_at = excluded.expires_at, channels = excluded.channels, occurrences = excluded.occurrences;
        """;

    private const string DeleteMetadataSql = "DELETE FROM {schema}.alert_metadata WHERE alert_id = $1;";

    private const string MetadataSql = """
        INSERT INTO {schema}.alert_metadata (alert_id, position, key, value)
        SELECT $1, e.ord - 1, e.key, e.value FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS e (key, value, ord);
        """;

    public static async Task SaveAsync(NpgsqlConnection connection, SqlText sql, Alert alert, int commandTimeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(alert.Id, nameof(alert));

        // The metadata is read once, in its order, before anything is sent.
        var keys = new List<string>(alert.Metadata.Count);
        var values = new List<string>(alert.Metadata.Count);
        foreach (var (key, value) in alert.Metadata)
        {
            keys.Add(key);
            values.Add(value);
        }

        using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        using var commands = new NpgsqlBatch(connection, transaction) { Timeout = commandTimeout };
        commands.BatchCommands.Add(AlertCommand(sql, alert));
        var delete = new NpgsqlBatchCommand(sql[DeleteMetadataSql]);
        delete.Parameters.Add(Parameters.Text(alert.Id));
        commands.BatchCommands.Add(delete);
        if (keys.Count > 0)
        {
            var insert = new NpgsqlBatchCommand(sql[MetadataSql]);
            Parameters.AddTo(insert.Parameters, Parameters.Text(alert.Id), Parameters.TextArray([.. keys]), Parameters.TextArray([.. values]));
            commands.BatchCommands.Add(insert);
        }

        await commands.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlBatchCommand AlertCommand(SqlText sql, Alert alert)
    {
        var command = new NpgsqlBatchCommand(sql[AlertSql]);
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
            Parameters.Of(alert.NotifiedChannels?.ToArray() ?? [], NpgsqlDbType.Array | NpgsqlDbType.Text),
            Parameters.Timestamp(alert.ExpiresAt),
            Parameters.Of(alert.Channels?.ToArray() ?? [], NpgsqlDbType.Array | NpgsqlDbType.Text),
            Parameters.Integer(alert.Occurrences));
        return command;
    }
}
