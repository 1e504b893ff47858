using Microsoft.Data.Sqlite;
using ModelMonitoring.Sqlite.Internal.Codecs;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Sqlite.Internal.Reading;

/// <summary>Metric statistics for reports, and the most recent metric values.</summary>
internal static class MetricQueries
{
    private const string RangeSql = $"SELECT name, value, ts FROM metrics WHERE {ModelRange.Filter} AND value IS NOT NULL ORDER BY name, ts, id;";

    private const string RecentColumns = "SELECT name, value, unit, ts, window_start, metadata FROM metrics";
    private const string ModelFilter = "model_id IN (SELECT id FROM models WHERE name = $model)";
    private const string RecentSql = $"{RecentColumns} WHERE {ModelFilter} ORDER BY ts DESC, id DESC LIMIT $limit;";
    private const string RecentByNameSql = $"{RecentColumns} WHERE {ModelFilter} AND name = $name ORDER BY ts DESC, id DESC LIMIT $limit;";

    // A window ends after it starts, so ts >= $from bounds the (model_id, name, ts) index scan without losing a window.
    private const string WindowSql = $"{RecentColumns} WHERE {ModelFilter} AND name = $name AND ts >= $from AND window_start >= $from AND window_start < $to ORDER BY window_start, id;";
    private const string HealthCheckSql = $"SELECT ts, status, score, issues FROM health_checks WHERE {ModelRange.Filter} ORDER BY ts, id;";

    /// <summary>Summarises every metric in the range, ordered by name. Values stored as NULL (NaN) are left out.</summary>
    public static async Task<IReadOnlyList<MetricSummary>> ReadSummariesAsync(SqliteConnection connection, ModelRange range, CancellationToken cancellationToken)
    {
        var summaries = new List<MetricSummary>();
        var current = default(Accumulator);
        using var command = range.Command(connection, RangeSql);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var name = reader.GetString(0);
            if (current.Name != name)
            {
                current.AddTo(summaries);
                current = new Accumulator(name);
            }

            current.Add(reader.GetDouble(1), reader.GetInt64(2));
        }

        current.AddTo(summaries);
        return summaries;
    }

    public static async Task<IReadOnlyList<MetricRecord>> ReadRecentAsync(
        SqliteConnection connection, string model, string? metricName, int limit, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = metricName is null ? RecentSql : RecentByNameSql;
        command.Parameters.AddWithValue("$model", model);
        command.Parameters.AddWithValue("$limit", limit);
        if (metricName is not null)
        {
            command.Parameters.AddWithValue("$name", metricName);
        }

        return await ReadRecordsAsync(command, Math.Min(limit, 256), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The values of one window metric for the windows that start in the range, oldest window first.</summary>
    public static async Task<IReadOnlyList<MetricRecord>> ReadWindowAsync(SqliteConnection connection, ModelRange range, string metricName, CancellationToken cancellationToken)
    {
        using var command = range.Command(connection, WindowSql);
        command.Parameters.AddWithValue("$name", metricName);
        return await ReadRecordsAsync(command, 16, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The health checks the application recorded in the range, oldest first.</summary>
    public static async Task<IReadOnlyList<HealthCheckRecord>> ReadHealthChecksAsync(SqliteConnection connection, ModelRange range, CancellationToken cancellationToken)
    {
        using var command = range.Command(connection, HealthCheckSql);
        var checks = new List<HealthCheckRecord>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            checks.Add(new HealthCheckRecord
            {
                Timestamp = UnixMicroseconds.ToTimestamp(reader.GetInt64(0)),
                Status = (Recording.ModelHealthStatus)reader.GetInt64(1),
                Score = reader.IsDBNull(2) ? double.NaN : reader.GetDouble(2),
                Issues = reader.IsDBNull(3) ? null : [.. StringListCodec.ReadStrings(reader.GetFieldValue<byte[]>(3)).Select(static issue => issue ?? string.Empty)],
            });
        }

        return checks;
    }

    private static async Task<IReadOnlyList<MetricRecord>> ReadRecordsAsync(SqliteCommand command, int capacity, CancellationToken cancellationToken)
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
                Timestamp = UnixMicroseconds.ToTimestamp(reader.GetInt64(3)),
                WindowStart = reader.IsDBNull(4) ? null : UnixMicroseconds.ToTimestamp(reader.GetInt64(4)),
                Metadata = reader.IsDBNull(5) ? null : StringListCodec.ReadPairs(reader.GetFieldValue<byte[]>(5)),
            });
        }

        return metrics;
    }

    /// <summary>Welford's running mean and variance of one metric, plus min, max and the latest value.</summary>
    private struct Accumulator(string name)
    {
        private long _count;
        private double _mean;
        private double _m2;
        private double _min;
        private double _max;
        private double _latest;
        private long _latestTs;

        public readonly string? Name => name;

        public void Add(double value, long ts)
        {
            _count++;
            var delta = value - _mean;
            _mean += delta / _count;
            _m2 += delta * (value - _mean);
            _min = _count == 1 ? value : Math.Min(_min, value);
            _max = _count == 1 ? value : Math.Max(_max, value);

            // Rows arrive by timestamp, then by insertion order: the last one is the latest.
            _latest = value;
            _latestTs = ts;
        }

        public readonly void AddTo(List<MetricSummary> summaries)
        {
            if (name is null || _count == 0)
            {
                return;
            }

            var deviation = _count > 1 ? Math.Sqrt(_m2 / (_count - 1)) : 0;
            summaries.Add(new MetricSummary(name, _count, _mean, deviation, _min, _max, _latest, UnixMicroseconds.ToTimestamp(_latestTs)));
        }
    }
}
