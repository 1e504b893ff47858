using Npgsql;

namespace ModelMonitoring.PostgreSql.Internal.Maintenance;

/// <summary>
/// Deletes the rows that partitions do not cover once they are older than their retention (labels, recorded metrics,
/// health checks, window-level rows and roll-ups), at most <see cref="BatchSize"/> rows per statement, each statement its
/// own transaction, found through (model, time) indexes. Predictions leave by whole partitions (<see cref="Partitions.PartitionMaintainer"/>).
/// </summary>
internal static class RetentionPruner
{
    internal const int BatchSize = 5_000;

    private static readonly Rule[] Rules =
    [
        new(RetentionKind.Raw, ByName: false, "DELETE FROM {schema}.ground_truth WHERE prediction_id IN (SELECT prediction_id FROM {schema}.ground_truth WHERE model_id = $1 AND ts < $2 LIMIT $3);"),
        new(RetentionKind.Raw, ByName: false, "DELETE FROM {schema}.metrics WHERE id IN (SELECT id FROM {schema}.metrics WHERE model_id = $1 AND ts < $2 AND window_start IS NULL LIMIT $3);"),
        new(RetentionKind.Raw, ByName: false, "DELETE FROM {schema}.health_checks WHERE id IN (SELECT id FROM {schema}.health_checks WHERE model_id = $1 AND ts < $2 LIMIT $3);"),
        new(RetentionKind.Raw, ByName: false, "DELETE FROM {schema}.explanations WHERE (prediction_id, kind) IN (SELECT prediction_id, kind FROM {schema}.explanations WHERE model_id = $1 AND ts < $2 LIMIT $3);"),
        new(RetentionKind.Window, ByName: false, "DELETE FROM {schema}.metrics WHERE id IN (SELECT id FROM {schema}.metrics WHERE model_id = $1 AND ts < $2 AND window_start IS NOT NULL LIMIT $3);"),
        new(RetentionKind.Window, ByName: true, "DELETE FROM {schema}.concept_drift_checks WHERE id IN (SELECT id FROM {schema}.concept_drift_checks WHERE model = $1 AND checked_at < $2 LIMIT $3);"),

        // drift_features go with their check (ON DELETE CASCADE).
        new(RetentionKind.Window, ByName: false, "DELETE FROM {schema}.drift_checks WHERE id IN (SELECT id FROM {schema}.drift_checks WHERE model_id = $1 AND ts < $2 LIMIT $3);"),
        new(RetentionKind.Window, ByName: true, """
            DELETE FROM {schema}.window_performance WHERE (model, window_start, segment, metric) IN
                (SELECT model, window_start, segment, metric FROM {schema}.window_performance WHERE model = $1 AND window_start < $2 LIMIT $3);
            """),
        new(RetentionKind.Window, ByName: true, """
            DELETE FROM {schema}.window_partials WHERE (model, window_start, replica) IN
                (SELECT model, window_start, replica FROM {schema}.window_partials WHERE model = $1 AND window_start < $2 LIMIT $3);
            """),
        new(RetentionKind.Window, ByName: true, """
            DELETE FROM {schema}.window_merges WHERE (model, window_start) IN
                (SELECT model, window_start FROM {schema}.window_merges WHERE model = $1 AND window_start < $2 LIMIT $3);
            """),
        new(RetentionKind.HourlyRollup, ByName: true, """
            DELETE FROM {schema}.rollups WHERE (model, resolution, bucket_start, metric) IN
                (SELECT model, resolution, bucket_start, metric FROM {schema}.rollups WHERE model = $1 AND resolution = 0 AND bucket_start < $2 LIMIT $3);
            """),
        new(RetentionKind.DailyRollup, ByName: true, """
            DELETE FROM {schema}.rollups WHERE (model, resolution, bucket_start, metric) IN
                (SELECT model, resolution, bucket_start, metric FROM {schema}.rollups WHERE model = $1 AND resolution = 1 AND bucket_start < $2 LIMIT $3);
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
    public static async Task<(long Deleted, bool More)> PruneAsync(
        NpgsqlConnection connection, SqlText sql, PostgreSqlStorageOptions options, DateTimeOffset now, int budget, int commandTimeout, CancellationToken cancellationToken)
    {
        var ids = await ReadIdsAsync(connection, sql, cancellationToken).ConfigureAwait(false);
        var names = await RollupBuilder.ReadNamesAsync(connection, sql, cancellationToken).ConfigureAwait(false);
        long deleted = 0;
        foreach (var rule in Rules)
        {
            if (Retention(options, rule.Kind) is not { } retention)
            {
                continue;
            }

            foreach (var model in rule.ByName ? names.Select(n => Parameters.Text(n)) : ids.Select(Parameters.Integer))
            {
                // A statement that finds nothing is a cheap index probe; only deleting statements spend the budget.
                int count;
                while ((count = await ExecuteAsync(connection, sql[rule.Sql], model.Clone(), now - retention, commandTimeout, cancellationToken).ConfigureAwait(false)) > 0)
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

    private static TimeSpan? Retention(PostgreSqlStorageOptions options, RetentionKind kind) => kind switch
    {
        RetentionKind.Raw => options.RawPredictionRetention,
        RetentionKind.Window => options.WindowRetention,
        RetentionKind.HourlyRollup => options.HourlyRollupRetention,
        _ => options.DailyRollupRetention,
    };

    private static async Task<List<int>> ReadIdsAsync(NpgsqlConnection connection, SqlText sql, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql["SELECT id FROM {schema}.models ORDER BY id;"], connection);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var ids = new List<int>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetInt32(0));
        }

        return ids;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string text, NpgsqlParameter model, DateTimeOffset cutoff, int commandTimeout, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(text, connection) { CommandTimeout = commandTimeout };
        Parameters.AddTo(command.Parameters, model, Parameters.Timestamp(cutoff), Parameters.Integer(BatchSize));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed record Rule(RetentionKind Kind, bool ByName, string Sql);
}
