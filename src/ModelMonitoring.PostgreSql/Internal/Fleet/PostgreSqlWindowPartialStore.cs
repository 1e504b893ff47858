using ModelMonitoring.Fleet;
using Npgsql;
using NpgsqlTypes;

namespace ModelMonitoring.PostgreSql.Internal.Fleet;

/// <summary>Fleet windows in <c>window_partials</c> (upserted per model, window and replica) and <c>window_merges</c> (one row per merged window).</summary>
internal sealed class PostgreSqlWindowPartialStore(PostgreSqlMonitoringStore store) : IWindowPartialStore
{
    private const string SaveSql = """
        INSERT INTO {schema}.window_partials (model, window_start, replica, window_end, prediction_count, error_count, latency_sum_ms,
            latency_min_ms, latency_max_ms, latency_buckets, confidence_sum, confidence_count, class_counts, label_count, correct_count,
            class_label_count, abs_error_sum, value_label_count, custom_metrics, feature_quality)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
        ON CONFLICT (model, window_start, replica) DO UPDATE SET window_end = excluded.window_end, prediction_count = excluded.prediction_count,
            error_count = excluded.error_count, latency_sum_ms = excluded.latency_sum_ms, latency_min_ms = excluded.latency_min_ms,
            latency_max_ms = excluded.latency_max_ms, latency_buckets = excluded.latency_buckets, confidence_sum = excluded.confidence_sum,
            confidence_count = excluded.confidence_count, class_counts = excluded.class_counts, label_count = excluded.label_count,
            correct_count = excluded.correct_count, class_label_count = excluded.class_label_count, abs_error_sum = excluded.abs_error_sum,
            value_label_count = excluded.value_label_count, custom_metrics = excluded.custom_metrics,
            feature_quality = excluded.feature_quality;
        """;

    private const string UnmergedSql = """
        SELECT p.model, p.window_start, p.replica, p.window_end, p.prediction_count, p.error_count, p.latency_sum_ms, p.latency_min_ms,
            p.latency_max_ms, p.latency_buckets::text, p.confidence_sum, p.confidence_count, p.class_counts::text, p.label_count,
            p.correct_count, p.class_label_count, p.abs_error_sum, p.value_label_count, p.custom_metrics::text, p.feature_quality::text
        FROM {schema}.window_partials p
        WHERE p.model = $1 AND p.window_end <= $2
            AND p.window_start > coalesce((SELECT max(m.window_start) FROM {schema}.window_merges m WHERE m.model = $1), '-infinity')
        ORDER BY p.window_start, p.replica COLLATE "C";
        """;

    private const string MarkSql = """
        INSERT INTO {schema}.window_merges (model, window_start, merged_by) VALUES ($1, $2, $3)
        ON CONFLICT (model, window_start) DO NOTHING;
        """;

    public async Task SaveWindowPartialsAsync(IReadOnlyList<WindowPartial> partials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partials);
        if (partials.Count == 0)
        {
            return;
        }

        using var connection = await store.OpenMigratedConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var partial in partials)
        {
            ArgumentNullException.ThrowIfNull(partial, nameof(partials));
            using var command = new NpgsqlCommand(store.Sql[SaveSql], connection, transaction) { CommandTimeout = store.CommandTimeout };
            Parameters.AddTo(
                command.Parameters,
                Parameters.Text(partial.Model),
                Parameters.Timestamp(partial.WindowStart),
                Parameters.Text(partial.Replica),
                Parameters.Timestamp(partial.WindowEnd),
                Parameters.Of(partial.Count, NpgsqlDbType.Bigint),
                Parameters.Of(partial.Errors, NpgsqlDbType.Bigint),
                Parameters.Double(partial.LatencySumMs),
                Parameters.Double(partial.LatencyMinMs),
                Parameters.Double(partial.LatencyMaxMs),
                Parameters.Of(WindowPartialJson.Buckets(partial.LatencyBuckets), NpgsqlDbType.Jsonb),
                Parameters.Double(partial.ConfidenceSum),
                Parameters.Of(partial.ConfidenceCount, NpgsqlDbType.Bigint),
                Parameters.Of(WindowPartialJson.Classes(partial.ClassCounts), NpgsqlDbType.Jsonb),
                Parameters.Of(partial.LabelCount, NpgsqlDbType.Bigint),
                Parameters.Of(partial.CorrectCount, NpgsqlDbType.Bigint),
                Parameters.Of(partial.ClassLabelCount, NpgsqlDbType.Bigint),
                Parameters.Double(partial.AbsoluteErrorSum),
                Parameters.Of(partial.ValueLabelCount, NpgsqlDbType.Bigint),
                Parameters.Of(WindowPartialJson.Custom(partial.CustomMetrics), NpgsqlDbType.Jsonb),
                Parameters.Of(WindowPartialJson.Quality(partial.Quality), NpgsqlDbType.Jsonb));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<WindowPartial>> GetUnmergedWindowPartialsAsync(string model, DateTimeOffset endedBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        using var connection = await store.OpenMigratedConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand(store.Sql[UnmergedSql], connection) { CommandTimeout = store.CommandTimeout };
        Parameters.AddTo(command.Parameters, Parameters.Text(model), Parameters.Timestamp(endedBy));
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var partials = new List<WindowPartial>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            partials.Add(new WindowPartial
            {
                Model = reader.GetString(0),
                WindowStart = Timestamps.FromStored(reader.GetDateTime(1)),
                Replica = reader.GetString(2),
                WindowEnd = Timestamps.FromStored(reader.GetDateTime(3)),
                Count = reader.GetInt64(4),
                Errors = reader.GetInt64(5),
                LatencySumMs = reader.GetDouble(6),
                LatencyMinMs = reader.IsDBNull(7) ? null : reader.GetDouble(7),
                LatencyMaxMs = reader.IsDBNull(8) ? null : reader.GetDouble(8),
                LatencyBuckets = WindowPartialJson.ReadBuckets(reader.GetString(9)),
                ConfidenceSum = reader.GetDouble(10),
                ConfidenceCount = reader.GetInt64(11),
                ClassCounts = WindowPartialJson.ReadClasses(reader.GetString(12)),
                LabelCount = reader.GetInt64(13),
                CorrectCount = reader.GetInt64(14),
                ClassLabelCount = reader.GetInt64(15),
                AbsoluteErrorSum = reader.GetDouble(16),
                ValueLabelCount = reader.GetInt64(17),
                CustomMetrics = WindowPartialJson.ReadCustom(reader.GetString(18)),
                Quality = WindowPartialJson.ReadQuality(reader.GetString(19)),
            });
        }

        return partials;
    }

    public async Task<bool> TryMarkWindowMergedAsync(string model, DateTimeOffset windowStart, string replica, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentException.ThrowIfNullOrEmpty(replica);
        using var connection = await store.OpenMigratedConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand(store.Sql[MarkSql], connection) { CommandTimeout = store.CommandTimeout };
        Parameters.AddTo(command.Parameters, Parameters.Text(model), Parameters.Timestamp(windowStart), Parameters.Text(replica));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }
}
