using Microsoft.Data.Sqlite;
using ModelMonitoring.Alerting;
using ModelMonitoring.Sqlite.Internal.Codecs;

namespace ModelMonitoring.Sqlite.Internal.Reading;

/// <summary>Reads stored alerts (active, or started in a range) and silences; counts alerts by severity for reports.</summary>
internal static class AlertQueries
{
    // Metadata rows are joined in: an alert's rows come together (ordered by id) with its entries in their order.
    private const string Columns = """
        a.id, a.model, a.version, a.environment, a.name, a.severity, a.state, a.message, a.metric, a.value, a.threshold, a.baseline, a.ts, a.started_at,
        a.acknowledged_by, a.acknowledged_at, a.resolved_at, a.resolved_by, a.last_notified_at, a.notification_count, a.suppressed_count, a.escalation_level,
        a.notified_channels, a.expires_at, a.channels, a.occurrences, m.key, m.value
        """;

    private const string From = "alerts a LEFT JOIN alert_metadata m ON m.alert_id = a.id";

    private const string Order = "ORDER BY a.started_at, a.id, m.position";

    private const string QueryFilter = """
        ($model IS NULL OR a.model = $model) AND ($environment IS NULL OR a.environment = $environment) AND ($severity IS NULL OR a.severity = $severity)
        """;

    private const string ActiveSql = $"SELECT {Columns} FROM {From} WHERE a.state <> 1 AND {QueryFilter} {Order};";

    private const string HistorySql = $"SELECT {Columns} FROM {From} WHERE a.started_at >= $from AND a.started_at < $to AND {QueryFilter} {Order};";

    private const string CountsSql = "SELECT severity, COUNT(*) FROM alerts WHERE model = $model AND started_at >= $from AND started_at < $to GROUP BY severity;";

    private const string SilencesSql = "SELECT id, model, alert_name, severity, starts_at, ends_at, created_by, comment FROM silences WHERE ends_at > $at ORDER BY starts_at, id;";

    /// <summary>Counts the alerts that started in the range by severity; every severity is present, with zero when none fired.</summary>
    public static async Task<IReadOnlyDictionary<AlertSeverity, int>> ReadCountsAsync(SqliteConnection connection, ModelRange range, CancellationToken cancellationToken)
    {
        var counts = Enum.GetValues<AlertSeverity>().ToDictionary(severity => severity, _ => 0);
        using var command = range.Command(connection, CountsSql);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[(AlertSeverity)reader.GetInt64(0)] = reader.GetInt32(1);
        }

        return counts;
    }

    public static Task<IReadOnlyList<Alert>> ReadActiveAsync(SqliteConnection connection, AlertQuery query, CancellationToken cancellationToken) =>
        ReadAsync(Command(connection, ActiveSql, query), cancellationToken);

    public static Task<IReadOnlyList<Alert>> ReadHistoryAsync(SqliteConnection connection, long from, long to, AlertQuery query, CancellationToken cancellationToken)
    {
        var command = Command(connection, HistorySql, query);
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        return ReadAsync(command, cancellationToken);
    }

    public static async Task<IReadOnlyList<Silence>> ReadSilencesAsync(SqliteConnection connection, DateTimeOffset at, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = SilencesSql;
        command.Parameters.AddWithValue("$at", UnixMicroseconds.FromBound(at));
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var silences = new List<Silence>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            silences.Add(new Silence
            {
                Id = reader.GetString(0),
                Model = reader.IsDBNull(1) ? null : reader.GetString(1),
                AlertName = reader.IsDBNull(2) ? null : reader.GetString(2),
                Severity = reader.IsDBNull(3) ? null : (AlertSeverity)reader.GetInt64(3),
                StartsAt = UnixMicroseconds.ToTimestamp(reader.GetInt64(4)),
                EndsAt = UnixMicroseconds.ToTimestamp(reader.GetInt64(5)),
                CreatedBy = reader.IsDBNull(6) ? null : reader.GetString(6),
                Comment = reader.IsDBNull(7) ? null : reader.GetString(7),
            });
        }

        return silences;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, AlertQuery query)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$model", (object?)query.Model ?? DBNull.Value);
        command.Parameters.AddWithValue("$environment", (object?)query.Environment ?? DBNull.Value);
        command.Parameters.AddWithValue("$severity", query.Severity is { } severity ? (long)severity : DBNull.Value);
        return command;
    }

    private static async Task<IReadOnlyList<Alert>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        using (command)
        {
            var alerts = new List<Alert>();
            Dictionary<string, string>? metadata = null;
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (alerts.Count > 0 && alerts[^1].Id == reader.GetString(0))
                {
                    metadata![reader.GetString(26)] = reader.GetString(27); // one more entry of the same alert
                    continue;
                }

                metadata = reader.IsDBNull(26) ? null : new Dictionary<string, string>(StringComparer.Ordinal) { [reader.GetString(26)] = reader.GetString(27) };
                alerts.Add(new Alert
                {
                    Id = reader.GetString(0),
                    Model = reader.GetString(1),
                    Version = reader.GetString(2),
                    Environment = reader.GetString(3),
                    Name = reader.GetString(4),
                    Severity = (AlertSeverity)reader.GetInt64(5),
                    State = (AlertState)reader.GetInt64(6),
                    Message = reader.GetString(7),
                    Metric = reader.IsDBNull(8) ? null : reader.GetString(8),
                    Value = reader.IsDBNull(9) ? null : reader.GetDouble(9),
                    Threshold = reader.IsDBNull(10) ? null : reader.GetDouble(10),
                    Baseline = reader.IsDBNull(11) ? null : reader.GetDouble(11),
                    Timestamp = UnixMicroseconds.ToTimestamp(reader.GetInt64(12)),
                    StartedAt = UnixMicroseconds.ToTimestamp(reader.GetInt64(13)),
                    AcknowledgedBy = reader.IsDBNull(14) ? null : reader.GetString(14),
                    AcknowledgedAt = Timestamp(reader, 15),
                    ResolvedAt = Timestamp(reader, 16),
                    ResolvedBy = reader.IsDBNull(17) ? null : reader.GetString(17),
                    LastNotifiedAt = Timestamp(reader, 18),
                    NotificationCount = reader.GetInt32(19),
                    SuppressedCount = reader.GetInt32(20),
                    EscalationLevel = reader.GetInt32(21),
                    NotifiedChannels = reader.IsDBNull(22) ? [] : [.. StringListCodec.ReadStrings((byte[])reader.GetValue(22)).Select(c => c ?? string.Empty)],
                    ExpiresAt = Timestamp(reader, 23),
                    Channels = reader.IsDBNull(24) ? [] : [.. StringListCodec.ReadStrings((byte[])reader.GetValue(24)).Select(c => c ?? string.Empty)],
                    Occurrences = reader.GetInt32(25),
                    Metadata = metadata is null ? System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty : metadata.AsReadOnly(),
                });
            }

            return alerts;
        }
    }

    private static DateTimeOffset? Timestamp(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : UnixMicroseconds.ToTimestamp(reader.GetInt64(ordinal));
}
