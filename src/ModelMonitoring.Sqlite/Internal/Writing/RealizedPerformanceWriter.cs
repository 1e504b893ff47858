using Microsoft.Data.Sqlite;
using ModelMonitoring.Sqlite.Internal.Codecs;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Sqlite.Internal.Writing;

/// <summary>Replaces one window's realized performance on the write connection, in one transaction; the caller holds the store's write lock.</summary>
internal static class RealizedPerformanceWriter
{
    private const string DeleteSql = "DELETE FROM window_performance WHERE model = $model AND window_start = $window_start;";

    private const string InsertSql = """
        INSERT INTO window_performance (model, window_start, window_end, segment, metric, value, label_count, computed_at)
        VALUES ($model, $window_start, $window_end, $segment, $metric, $value, $label_count, $computed_at);
        """;

    public static void Save(SqliteConnection connection, string model, DateTimeOffset windowStart, IReadOnlyList<RealizedPerformance> performance)
    {
        var start = UnixMicroseconds.FromTimestamp(windowStart);
        using var transaction = connection.BeginTransaction();
        using (var delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = DeleteSql;
            delete.Parameters.AddWithValue("$model", model);
            delete.Parameters.AddWithValue("$window_start", start);
            delete.ExecuteNonQuery();
        }

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = InsertSql;
        insert.Parameters.AddWithValue("$model", model);
        insert.Parameters.AddWithValue("$window_start", start);
        var end = insert.Parameters.Add("$window_end", SqliteType.Integer);
        var segment = insert.Parameters.Add("$segment", SqliteType.Text);
        var metric = insert.Parameters.Add("$metric", SqliteType.Text);
        var value = insert.Parameters.Add("$value", SqliteType.Real);
        var labels = insert.Parameters.Add("$label_count", SqliteType.Integer);
        var computed = insert.Parameters.Add("$computed_at", SqliteType.Integer);
        foreach (var window in performance)
        {
            end.Value = UnixMicroseconds.FromTimestamp(window.WindowEnd);
            segment.Value = window.Segment;
            labels.Value = window.LabelCount;
            computed.Value = UnixMicroseconds.FromTimestamp(window.ComputedAt);
            foreach (var (name, number) in window.Metrics)
            {
                metric.Value = name;
                value.Value = double.IsNaN(number) ? DBNull.Value : number;
                insert.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }
}
