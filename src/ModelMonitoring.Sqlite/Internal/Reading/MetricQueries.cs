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

        var metrics = new List<MetricRecord>(Math.Min(limit, 256));
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
