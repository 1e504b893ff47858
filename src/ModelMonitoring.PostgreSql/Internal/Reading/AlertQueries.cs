using ModelMonitoring.Alerting;
using Npgsql;
using NpgsqlTypes;

namespace ModelMonitoring.PostgreSql.Internal.Reading;

/// <summary>Reads stored alerts (active, or started in a range); counts alerts by severity for reports.</summary>
internal static class AlertQueries
{
    private const string Columns = """
        id, model, version, environment, name, severity, state, message, metric, value, threshold, baseline, updated_at, started_at,
        acknowledged_by, acknowledged_at, resolved_at, resolved_by, last_notified_at, notification_count, suppressed_count, escalation_level, notified_channels
        """;

    private const string QueryFilter = "($1::text IS NULL OR model = $1) AND ($2::text IS NULL OR environment = $2) AND ($3::text IS NULL OR severity = $3)";

    // Ids compare byte-wise (COLLATE "C"), whatever the database's collation, so every store orders ties alike.
    private const string ActiveSql = $"SELECT {Columns} FROM {{schema}}.alerts WHERE state <> 'Resolved' AND {QueryFilter} ORDER BY started_at, id COLLATE \"C\";";

    private const string HistorySql = $"SELECT {Columns} FROM {{schema}}.alerts WHERE started_at >= $4 AND started_at < $5 AND {QueryFilter} ORDER BY started_at, id COLLATE \"C\";";

    private const string CountsSql = "SELECT severity, count(*) FROM {schema}.alerts WHERE model = $1 AND started_at >= $2 AND started_at < $3 GROUP BY severity;";

    /// <summary>Counts the alerts that started in the range by severity; every severity is present, with zero when none fired.</summary>
    public static async Task<IReadOnlyDictionary<AlertSeverity, int>> ReadCountsAsync(NpgsqlConnection connection, SqlText sql, ModelRange range, CancellationToken cancellationToken)
    {
        var counts = Enum.GetValues<AlertSeverity>().ToDictionary(severity => severity, _ => 0);
        using var command = range.Command(connection, sql, CountsSql);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[EnumText.Parse<AlertSeverity>(reader.GetString(0))] = (int)reader.GetInt64(1);
        }

        return counts;
    }

    public static Task<IReadOnlyList<Alert>> ReadActiveAsync(NpgsqlConnection connection, SqlText sql, AlertQuery query, CancellationToken cancellationToken) =>
        ReadAsync(Command(connection, sql[ActiveSql], query), cancellationToken);

    public static Task<IReadOnlyList<Alert>> ReadHistoryAsync(NpgsqlConnection connection, SqlText sql, DateTime from, DateTime to, AlertQuery query, CancellationToken cancellationToken)
    {
        var command = Command(connection, sql[HistorySql], query);
        command.Parameters.Add(Parameters.Of(from, NpgsqlDbType.TimestampTz));
        command.Parameters.Add(Parameters.Of(to, NpgsqlDbType.TimestampTz));
        return ReadAsync(command, cancellationToken);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string text, AlertQuery query)
    {
        var command = new NpgsqlCommand(text, connection);
        Parameters.AddTo(
            command.Parameters,
            Parameters.Text(query.Model),
            Parameters.Text(query.Environment),
            Parameters.Text(query.Severity is { } severity ? EnumText.Name(severity) : null));
        return command;
    }

    private static async Task<IReadOnlyList<Alert>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command.ConfigureAwait(false))
        {
            var alerts = new List<Alert>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                alerts.Add(new Alert
                {
                    Id = reader.GetString(0),
                    Model = reader.GetString(1),
                    Version = reader.GetString(2),
                    Environment = reader.GetString(3),
                    Name = reader.GetString(4),
                    Severity = EnumText.Parse<AlertSeverity>(reader.GetString(5)),
                    State = EnumText.Parse<AlertState>(reader.GetString(6)),
                    Message = reader.GetString(7),
                    Metric = reader.IsDBNull(8) ? null : reader.GetString(8),
                    Value = reader.IsDBNull(9) ? null : reader.GetDouble(9),
                    Threshold = reader.IsDBNull(10) ? null : reader.GetDouble(10),
                    Baseline = reader.IsDBNull(11) ? null : reader.GetDouble(11),
                    Timestamp = Timestamps.FromStored(reader.GetDateTime(12)),
                    StartedAt = Timestamps.FromStored(reader.GetDateTime(13)),
                    AcknowledgedBy = reader.IsDBNull(14) ? null : reader.GetString(14),
                    AcknowledgedAt = Timestamp(reader, 15),
                    ResolvedAt = Timestamp(reader, 16),
                    ResolvedBy = reader.IsDBNull(17) ? null : reader.GetString(17),
                    LastNotifiedAt = Timestamp(reader, 18),
                    NotificationCount = reader.GetInt32(19),
                    SuppressedCount = reader.GetInt32(20),
                    EscalationLevel = reader.GetInt32(21),
                    NotifiedChannels = reader.GetFieldValue<string[]>(22),
                });
            }

            return alerts;
        }
    }

    private static DateTimeOffset? Timestamp(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Timestamps.FromStored(reader.GetDateTime(ordinal));
}
