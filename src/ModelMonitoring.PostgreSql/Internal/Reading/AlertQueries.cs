using System.Collections.ObjectModel;
using ModelMonitoring.Alerting;
using Npgsql;
using NpgsqlTypes;

namespace ModelMonitoring.PostgreSql.Internal.Reading;

/// <summary>Reads stored alerts (active, or started in a range); counts alerts by severity for reports.</summary>
internal static class AlertQueries
{
    // The metadata comes in two arrays aggregated in position order, so each alert is one row.
    private const string Columns = """
        a.id, a.model, a.version, a.environment, a.name, a.severity, a.state, a.message, a.metric, a.value, a.threshold, a.baseline, a.updated_at,
        a.started_at, a.acknowledged_by, a.acknowledged_at, a.resolved_at, a.resolved_by, a.last_notified_at, a.notification_count, a.suppressed_count,
        a.escalation_level, a.notified_channels, a.expires_at, a.channels, a.occurrences, m.keys, m.vals
        """;

    private const string From = """
        {schema}.alerts a LEFT JOIN LATERAL (
            SELECT array_agg(e.key ORDER BY e.position) AS keys, array_agg(e.value ORDER BY e.position) AS vals
            FROM {schema}.alert_metadata e WHERE e.alert_id = a.id) m ON true
        """;

    private const string QueryFilter = "($1::text IS NULL OR a.model = $1) AND ($2::text IS NULL OR a.environment = $2) AND ($3::text IS NULL OR a.severity = $3)";

    // Ids compare byte-wise (COLLATE "C"), whatever the database's collation, so every store orders ties alike.
    private const string Order = "ORDER BY a.started_at, a.id COLLATE \"C\"";

    private const string ActiveSql = $"SELECT {Columns} FROM {From} WHERE a.state <> 'Resolved' AND {QueryFilter} {Order};";

    private const string HistorySql = $"SELECT {Columns} FROM {From} WHERE a.started_at >= $4 AND a.started_at < $5 AND {QueryFilter} {Order};";

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
                    ExpiresAt = Timestamp(reader, 23),
                    Channels = reader.GetFieldValue<string[]>(24),
                    Occurrences = reader.GetInt32(25),
                    Metadata = reader.IsDBNull(26) ? ReadOnlyDictionary<string, string>.Empty : Metadata(reader.GetFieldValue<string[]>(26), reader.GetFieldValue<string[]>(27)),
                });
            }

            return alerts;
        }
    }

    // A Dictionary filled without removals enumerates in insertion order, the order the entries were stored in.
    private static ReadOnlyDictionary<string, string> Metadata(string[] keys, string[] values)
    {
        var metadata = new Dictionary<string, string>(keys.Length, StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++)
        {
            metadata[keys[i]] = values[i];
        }

        return metadata.AsReadOnly();
    }

    private static DateTimeOffset? Timestamp(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Timestamps.FromStored(reader.GetDateTime(ordinal));
}
