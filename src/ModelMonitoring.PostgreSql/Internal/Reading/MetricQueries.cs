using ModelMonitoring.Storage;
using Npgsql;

namespace ModelMonitoring.PostgreSql.Internal.Reading;

/// <summary>Metric statistics for reports, and the most recent metric values.</summary>
internal static class MetricQueries
{
    private const string RangeSql = $$"""
        SELECT name, value, ts FROM {schema}.metrics WHERE {{ModelRange.Filter}} AND value IS NOT NULL ORDER BY name COLLATE "C", ts, id;
        """;

    private const string RecentColumns = """
        SELECT name, value, unit, ts, window_start,
               (SELECT array_agg(key ORDER BY key) FROM jsonb_each_text(metadata)), (SELECT array_agg(value ORDER BY key) FROM jsonb_each_text(metadata)),
               metadata IS NOT NULL
        FROM {schema}.metrics
        """;

    private const string ModelFilter = "model_id IN (SELECT id FROM {schema}.models WHERE name = $1)";
    private const string RecentSql = $"{RecentColumns} WHERE {ModelFilter} ORDER BY ts DESC, id DESC LIMIT $2;";
    private const string RecentByNameSql = $"{RecentColumns} WHERE {ModelFilter} AND name = $3 ORDER BY ts DESC, id DESC LIMIT $2;";

    // A window ends after it starts, so ts >= $2 bounds the (model_id, name, ts) index scan without losing a window.
    private const string WindowSql = $"{RecentColumns} WHERE model_id IN (SELECT id FROM {{schema}}.models WHERE name = $1) AND name = $4 AND ts >= $2 AND window_start >= $2 AND window_start < $3 ORDER BY window_start, id;";
    private const string HealthCheckSql = $"SELECT ts, status, score, issues FROM {{schema}}.health_checks WHERE {ModelRange.Filter} ORDER BY ts, id;";

    /// <summary>Summarises every metric in the range, ordered by name. Values stored as NULL (NaN) are left out.</summary>
    public static async Task<IReadOnlyList<MetricSummary>> ReadSummariesAsync(NpgsqlConnection connection, SqlText sql, ModelRange range, CancellationToken cancellationToken)
    {
        var summaries = new List<MetricSummary>();
        var current = default(MetricAccumulator);
        using var command = range.Command(connection, sql, RangeSql);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var name = reader.GetString(0);
            if (current.Name != name)
            {
                current.AddTo(summaries);
                current = new MetricAccumulator(name);
            }

            current.Add(reader.GetDouble(1), Timestamps.FromStored(reader.GetDateTime(2)));
        }

        current.AddTo(summaries);
        return summaries;
    }

    public static async Task<IReadOnlyList<MetricRecord>> ReadRecentAsync(
        NpgsqlConnection connection, SqlText sql, string model, string? metricName, int limit, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql[metricName is null ? RecentSql : RecentByNameSql], connection);
        command.Parameters.Add(Parameters.Text(model));
        command.Parameters.Add(Parameters.Integer(limit));
        if (metricName is not null)
        {
            command.Parameters.Add(Parameters.Text(metricName));
        }

        return await ReadRecordsAsync(command, Math.Min(limit, 256), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The values of one window metric for the windows that start in the range, oldest window first.</summary>
    public static async Task<IReadOnlyList<MetricRecord>> ReadWindowAsync(NpgsqlConnection connection, SqlText sql, ModelRange range, string metricName, CancellationToken cancellationToken)
    {
        using var command = range.Command(connection, sql, WindowSql);
        command.Parameters.Add(Parameters.Text(metricName));
        return await ReadRecordsAsync(command, 16, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The health checks the application recorded in the range, oldest first.</summary>
    public static async Task<IReadOnlyList<HealthCheckRecord>> ReadHealthChecksAsync(NpgsqlConnection connection, SqlText sql, ModelRange range, CancellationToken cancellationToken)
    {
        using var command = range.Command(connection, sql, HealthCheckSql);
        var checks = new List<HealthCheckRecord>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            checks.Add(new HealthCheckRecord
            {
                Timestamp = Timestamps.FromStored(reader.GetDateTime(0)),
                Status = Enum.Parse<Recording.ModelHealthStatus>(reader.GetString(1)),
                Score = reader.IsDBNull(2) ? double.NaN : reader.GetDouble(2),
                Issues = reader.IsDBNull(3) ? null : reader.GetFieldValue<string[]>(3),
            });
        }

        return checks;
    }

    private static async Task<IReadOnlyList<MetricRecord>> ReadRecordsAsync(NpgsqlCommand command, int capacity, CancellationToken cancellationToken)
    {
        var metrics = new List<MetricRecord>(capacity);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            metrics.Add(new MetricRecord
            {
                Name = reader.GetString(0),
                Value = reader.IsDBNull(1) ? double.NaN : reader.GetDouble(1),
                Unit = reader.IsDBNull(2) ? null : reader.GetString(2),
                Timestamp = Timestamps.FromStored(reader.GetDateTime(3)),
                WindowStart = reader.IsDBNull(4) ? null : Timestamps.FromStored(reader.GetDateTime(4)),
                Metadata = reader.GetBoolean(7) ? Metadata(reader, 5, 6) : null,
            });
        }

        return metrics;
    }

    private static Dictionary<string, string> Metadata(NpgsqlDataReader reader, int keys, int values)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!reader.IsDBNull(keys))
        {
            var names = reader.GetFieldValue<string[]>(keys);
            var texts = reader.GetFieldValue<string[]>(values);
            for (var i = 0; i < names.Length; i++)
            {
                metadata[names[i]] = texts[i];
            }
        }

        return metadata;
    }
}
