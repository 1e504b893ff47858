using System.Text.Json;
using Microsoft.Data.Sqlite;
using ModelMonitoring.Fleet;
using ModelMonitoring.Sqlite.Internal.Codecs;

namespace ModelMonitoring.Sqlite.Internal.Writing;

/// <summary>Upserts window partials (one transaction) and marks merged windows on the write connection; the caller holds the store's write lock.</summary>
internal static class WindowPartialWriter
{
    private const string SaveSql = """
        INSERT OR REPLACE INTO window_partials (model, window_start, replica, window_end, prediction_count, error_count, latency_sum_ms,
            latency_min_ms, latency_max_ms, latency_buckets, confidence_sum, confidence_count, class_counts, label_count, correct_count,
            class_label_count, abs_error_sum, value_label_count, custom_metrics, feature_quality)
        VALUES ($model, $window_start, $replica, $window_end, $prediction_count, $error_count, $latency_sum_ms, $latency_min_ms, $latency_max_ms,
            $latency_buckets, $confidence_sum, $confidence_count, $class_counts, $label_count, $correct_count, $class_label_count, $abs_error_sum,
            $value_label_count, $custom_metrics, $feature_quality);
        """;

    private const string MarkSql = "INSERT OR IGNORE INTO window_merges (model, window_start, merged_by) VALUES ($model, $window_start, $merged_by);";

    public static void Save(SqliteConnection connection, IReadOnlyList<WindowPartial> partials)
    {
        using var transaction = connection.BeginTransaction();
        foreach (var partial in partials)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = SaveSql;
            var p = command.Parameters;
            p.AddWithValue("$model", partial.Model);
            p.AddWithValue("$window_start", UnixMicroseconds.FromTimestamp(partial.WindowStart));
            p.AddWithValue("$replica", partial.Replica);
            p.AddWithValue("$window_end", UnixMicroseconds.FromTimestamp(partial.WindowEnd));
            p.AddWithValue("$prediction_count", partial.Count);
            p.AddWithValue("$error_count", partial.Errors);
            p.AddWithValue("$latency_sum_ms", partial.LatencySumMs);
            p.AddWithValue("$latency_min_ms", partial.LatencyMinMs is { } min ? min : DBNull.Value);
            p.AddWithValue("$latency_max_ms", partial.LatencyMaxMs is { } max ? max : DBNull.Value);
            p.AddWithValue("$latency_buckets", JsonSerializer.Serialize(partial.LatencyBuckets));
            p.AddWithValue("$confidence_sum", partial.ConfidenceSum);
            p.AddWithValue("$confidence_count", partial.ConfidenceCount);
            p.AddWithValue("$class_counts", JsonSerializer.Serialize(partial.ClassCounts));
            p.AddWithValue("$label_count", partial.LabelCount);
            p.AddWithValue("$correct_count", partial.CorrectCount);
            p.AddWithValue("$class_label_count", partial.ClassLabelCount);
            p.AddWithValue("$abs_error_sum", partial.AbsoluteErrorSum);
            p.AddWithValue("$value_label_count", partial.ValueLabelCount);
            p.AddWithValue("$custom_metrics", JsonSerializer.Serialize(partial.CustomMetrics));
            p.AddWithValue("$feature_quality", JsonSerializer.Serialize(partial.Quality));
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public static bool Mark(SqliteConnection connection, string model, DateTimeOffset windowStart, string replica)
    {
        using var command = connection.CreateCommand();
        command.CommandText = MarkSql;
        command.Parameters.AddWithValue("$model", model);
        command.Parameters.AddWithValue("$window_start", UnixMicroseconds.FromTimestamp(windowStart));
        command.Parameters.AddWithValue("$merged_by", replica);
        return command.ExecuteNonQuery() == 1;
    }
}
