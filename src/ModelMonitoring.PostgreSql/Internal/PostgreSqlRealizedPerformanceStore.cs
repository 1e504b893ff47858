using ModelMonitoring.PostgreSql.Internal.Reading;
using ModelMonitoring.Storage;
using Npgsql;
using NpgsqlTypes;

namespace ModelMonitoring.PostgreSql.Internal;

/// <summary>
/// Realized performance in <c>window_performance</c>, read from the predictions and labels every replica stored: a label
/// recorded on one replica for a prediction made on another is joined here, in the database.
/// </summary>
internal sealed class PostgreSqlRealizedPerformanceStore(PostgreSqlMonitoringStore store) : IRealizedPerformanceStore
{
    private const string DeleteSql = "DELETE FROM {schema}.window_performance WHERE model = $1 AND window_start = $2;";

    private const string InsertSql = """
        INSERT INTO {schema}.window_performance (model, window_start, window_end, segment, metric, value, label_count, computed_at)
        SELECT $1, $2, r.window_end, r.segment, r.metric, r.value, r.label_count, r.computed_at
        FROM unnest($3::timestamptz[], $4::text[], $5::text[], $6::double precision[], $7::bigint[], $8::timestamptz[])
            AS r (window_end, segment, metric, value, label_count, computed_at);
        """;

    public async Task<IReadOnlyList<LabelledPrediction>> GetLabelledPredictionsAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var range = ModelRange.Create(model, from, to);
        using var connection = await store.OpenMigratedConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await RealizedPerformanceQueries.ReadLabelledAsync(connection, store.Sql, range, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DateTimeOffset>> GetLabelledWindowsAsync(string model, DateTimeOffset labelledSince, DateTimeOffset predictedSince, TimeSpan window, CancellationToken cancellationToken = default)
    {
        using var connection = await store.OpenMigratedConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await RealizedPerformanceQueries.ReadWindowsAsync(connection, store.Sql, model, labelledSince, predictedSince, window, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DateTimeOffset?> GetLastComputedAsync(string model, CancellationToken cancellationToken = default)
    {
        using var connection = await store.OpenMigratedConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await RealizedPerformanceQueries.ReadLastComputedAsync(connection, store.Sql, model, cancellationToken).ConfigureAwait(false);
    }

    public async Task SaveRealizedPerformanceAsync(string model, DateTimeOffset windowStart, IReadOnlyList<RealizedPerformance> performance, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentNullException.ThrowIfNull(performance);
        var rows = performance.SelectMany(w => w.Metrics.Select(m => (Window: w, Metric: m.Key, Value: m.Value))).ToArray();
        using var connection = await store.OpenMigratedConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        using (var delete = new NpgsqlCommand(store.Sql[DeleteSql], connection, transaction) { CommandTimeout = store.CommandTimeout })
        {
            Parameters.AddTo(delete.Parameters, Parameters.Text(model), Parameters.Timestamp(windowStart));
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        using (var insert = new NpgsqlCommand(store.Sql[InsertSql], connection, transaction) { CommandTimeout = store.CommandTimeout })
        {
            Parameters.AddTo(
                insert.Parameters,
                Parameters.Text(model),
                Parameters.Timestamp(windowStart),
                Parameters.Of(rows.Select(r => Timestamps.ToStored(r.Window.WindowEnd)).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz),
                Parameters.TextArray(rows.Select(r => r.Window.Segment).ToArray()),
                Parameters.TextArray(rows.Select(r => r.Metric).ToArray()),
                Parameters.Of(rows.Select(r => double.IsNaN(r.Value) ? (double?)null : r.Value).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Double),
                Parameters.Of(rows.Select(r => r.Window.LabelCount).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint),
                Parameters.Of(rows.Select(r => Timestamps.ToStored(r.Window.ComputedAt)).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
