using Microsoft.Data.Sqlite;

namespace ModelMonitoring.Sqlite.Internal.Maintenance;

/// <summary>
/// Deletes rows older than their retention, at most <see cref="BatchSize"/> rows per statement, each statement its
/// own short transaction, so the write lock is never held long and other processes writing the file take turns.
/// Every statement finds its rows through a (model, time) index, so a run costs what it deletes, not the table's size.
/// </summary>
/// <remarks>
/// Deleted pages go to the file's free list and are reused by later inserts, so under constant traffic the file
/// stops growing once the retention is reached (it does not shrink: <c>VACUUM</c> it offline to give the room back).
/// </remarks>
internal static class RetentionPruner
{
    internal const int BatchSize = 2_000;

    private static readonly Rule[] Rules =
    [
        new(RetentionKind.Raw, ByName: false, "DELETE FROM predictions WHERE id IN (SELECT id FROM predictions WHERE model_id = $model AND ts < $cutoff LIMIT $limit);"),
        new(RetentionKind.Raw, ByName: false, "DELETE FROM ground_truth WHERE prediction_id IN (SELECT prediction_id FROM ground_truth WHERE model_id = $model AND ts < $cutoff LIMIT $limit);"),
        new(RetentionKind.Raw, ByName: false, "DELETE FROM metrics WHERE id IN (SELECT id FROM metrics WHERE model_id = $model AND ts < $cutoff AND window_start IS NULL LIMIT $limit);"),
        new(RetentionKind.Raw, ByName: false, "DELETE FROM health_checks WHERE id IN (SELECT id FROM health_checks WHERE model_id = $model AND ts < $cutoff LIMIT $limit);"),
        new(RetentionKind.Raw, ByName: false, "DELETE FROM explanations WHERE (prediction_id, kind) IN (SELECT prediction_id, kind FROM explanations WHERE model_id = $model AND ts < $cutoff LIMIT $limit);"),
        new(RetentionKind.Window, ByName: false, "DELETE FROM metrics WHERE id IN (SELECT id FROM metrics WHERE model_id = $model AND ts < $cutoff AND window_start IS NOT NULL LIMIT $limit);"),
        new(RetentionKind.Window, ByName: true, "DELETE FROM concept_drift_checks WHERE id IN (SELECT id FROM concept_drift_checks WHERE model = $model AND checked_at < $cutoff LIMIT $limit);"),
        new(RetentionKind.Window, ByName: false, """
            DELETE FROM drift_features WHERE check_id IN (SELECT id FROM drift_checks WHERE model_id = $model AND ts < $cutoff ORDER BY ts, id LIMIT $limit);
            DELETE FROM drift_checks WHERE id IN (SELECT id FROM drift_checks WHERE model_id = $model AND ts < $cutoff ORDER BY ts, id LIMIT $limit);
            """),
        new(RetentionKind.Window, ByName: true, """
            DELETE FROM window_performance WHERE (model, window_start, segment, metric) IN
                (SELECT model, window_start, segment, metric FROM window_performance WHERE model = $model AND window_start < $cutoff LIMIT $limit);
            """),
        new(RetentionKind.Window, ByName: true, "DELETE FROM window_partials WHERE rowid IN (SELECT rowid FROM window_partials WHERE model = $model AND window_start < $cutoff LIMIT $limit);"),
        new(RetentionKind.Window, ByName: true, "DELETE FROM window_merges WHERE rowid IN (SELECT rowid FROM window_merges WHERE model = $model AND window_start < $cutoff LIMIT $limit);"),
        new(RetentionKind.HourlyRollup, ByName: true, """
            DELETE FROM rollups WHERE (model, resolution, bucket_start, metric) IN
                (SELECT model, resolution, bucket_start, metric FROM rollups WHERE model = $model AND resolution = 0 AND bucket_start < $cutoff LIMIT $limit);
            """),
        new(RetentionKind.DailyRollup, ByName: true, """
            DELETE FROM rollups WHERE (model, resolution, bucket_start, metric) IN
                (SELECT model, resolution, bucket_start, metric FROM rollups WHERE model = $model AND resolution = 1 AND bucket_start < $cutoff LIMIT $limit);
            """),
    ];

    private enum RetentionKind
    {
        Raw,
        Window,
        HourlyRollup,
        DailyRollup,
    }

    /// <summary>Deletes expired rows with at most <paramref name="budget"/> statements that delete something.</summary>
    /// <returns>The rows deleted, and whether expired rows may be left (the budget ran out).</returns>
    public static (long Deleted, bool More) Prune(SqliteConnection connection, SqliteStorageOptions options, DateTimeOffset now, int budget)
    {
        var ids = ModelKeys.ReadIds(connection);
        var names = ModelKeys.ReadNames(connection);
        long deleted = 0;
        foreach (var rule in Rules)
        {
            if (Retention(options, rule.Kind) is not { } retention)
            {
                continue;
            }

            var cutoff = Codecs.UnixMicroseconds.FromTimestamp(now - retention);
            foreach (var model in rule.ByName ? names.Cast<object>() : ids.Cast<object>())
            {
                // A statement that finds nothing is a cheap index probe; only deleting statements spend the budget.
                int count;
                while ((count = Execute(connection, rule.Sql, model, cutoff)) > 0)
                {
                    deleted += count;
                    if (--budget == 0)
                    {
                        return (deleted, true);
                    }
                }
            }
        }

        return (deleted, false);
    }

    private static TimeSpan? Retention(SqliteStorageOptions options, RetentionKind kind) => kind switch
    {
        RetentionKind.Raw => options.RawPredictionRetention,
        RetentionKind.Window => options.WindowRetention,
        RetentionKind.HourlyRollup => options.HourlyRollupRetention,
        _ => options.DailyRollupRetention,
    };

    private static int Execute(SqliteConnection connection, string sql, object model, long cutoff)
    {
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$model", model);
        command.Parameters.AddWithValue("$cutoff", cutoff);
        command.Parameters.AddWithValue("$limit", BatchSize);
        var count = command.ExecuteNonQuery();
        transaction.Commit();
        return count;
    }

    private sealed record Rule(RetentionKind Kind, bool ByName, string Sql);
}
