using System.Text.Json;
using Microsoft.Data.Sqlite;
using ModelMonitoring.Fleet;
using ModelMonitoring.Sqlite.Internal.Codecs;

namespace ModelMonitoring.Sqlite.Internal.Reading;

/// <summary>Reads the partials of a model's windows after its latest merged one that ended by a time, by window start, then replica.</summary>
internal static class WindowPartialQueries
{
    private const string Sql = """
        SELECT p.model, p.window_start, p.replica, p.window_end, p.prediction_count, p.error_count, p.latency_sum_ms, p.latency_min_ms,
            p.latency_max_ms, p.latency_buckets, p.confidence_sum, p.confidence_count, p.class_counts, p.label_count, p.correct_count,
            p.class_label_count, p.abs_error_sum, p.value_label_count, p.custom_metrics, p.feature_quality
        FROM window_partials p
        WHERE p.model = $model AND p.window_end <= $ended_by
            AND p.window_start > coalesce((SELECT max(m.window_start) FROM window_merges m WHERE m.model = $model), -9223372036854775808)
        ORDER BY p.window_start, p.replica;
        """;

    public static async Task<IReadOnlyList<WindowPartial>> ReadUnmergedAsync(SqliteConnection connection, string model, DateTimeOffset endedBy, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.Parameters.AddWithValue("$model", model);
        command.Parameters.AddWithValue("$ended_by", UnixMicroseconds.FromTimestamp(endedBy));
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var partials = new List<WindowPartial>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            partials.Add(new WindowPartial
            {
                Model = reader.GetString(0),
                WindowStart = UnixMicroseconds.ToTimestamp(reader.GetInt64(1)),
                Replica = reader.GetString(2),
                WindowEnd = UnixMicroseconds.ToTimestamp(reader.GetInt64(3)),
                Count = reader.GetInt64(4),
                Errors = reader.GetInt64(5),
                LatencySumMs = reader.GetDouble(6),
                LatencyMinMs = reader.IsDBNull(7) ? null : reader.GetDouble(7),
                LatencyMaxMs = reader.IsDBNull(8) ? null : reader.GetDouble(8),
                LatencyBuckets = JsonSerializer.Deserialize<Dictionary<int, long>>(reader.GetString(9)) ?? [],
                ConfidenceSum = reader.GetDouble(10),
                ConfidenceCount = reader.GetInt64(11),
                ClassCounts = JsonSerializer.Deserialize<Dictionary<string, long>>(reader.GetString(12)) ?? [],
                LabelCount = reader.GetInt64(13),
                CorrectCount = reader.GetInt64(14),
                ClassLabelCount = reader.GetInt64(15),
                AbsoluteErrorSum = reader.GetDouble(16),
                ValueLabelCount = reader.GetInt64(17),
                CustomMetrics = JsonSerializer.Deserialize<List<CustomMetricPartial>>(reader.GetString(18)) ?? [],
                Quality = JsonSerializer.Deserialize<List<FeatureQualityPartial>>(reader.GetString(19)) ?? [],
            });
        }

        return partials;
    }
}
