using ModelMonitoring.Storage;
using Npgsql;
using NpgsqlTypes;

namespace ModelMonitoring.PostgreSql.Internal.Reading;

/// <summary>The reading side of realized performance: predictions joined with labels, the windows labels reached, and stored results.</summary>
internal static class RealizedPerformanceQueries
{
    // predictions_model_ts finds the window's predictions (pruning partitions); each label is found by its primary key.
    private const string LabelledSql = """
        SELECT p.ts, p.predicted_class, p.predicted_value, p.confidence, p.class_probabilities, p.segment, g.actual_class, g.actual_value
        FROM {schema}.predictions p JOIN {schema}.ground_truth g ON g.prediction_id = p.prediction_id
        WHERE p.model_id IN (SELECT id FROM {schema}.models WHERE name = $1) AND p.ts >= $2 AND p.ts < $3;
        """;

    // ground_truth_model_ts finds the recent labels; prediction_ids gives each one's prediction time by primary key. The window
    // index is counted in ticks from DateTimeOffset.MinValue, as the pipeline's windows are (extract is exact to the microsecond).
    private const string WindowsSql = """
        SELECT DISTINCT ((extract(epoch FROM i.ts) * 10000000)::bigint + $4) / $5 AS w
        FROM {schema}.ground_truth g JOIN {schema}.prediction_ids i ON i.prediction_id = g.prediction_id
        WHERE g.model_id IN (SELECT id FROM {schema}.models WHERE name = $1) AND g.ts >= $2 AND i.ts >= $3
        ORDER BY w;
        """;

    private const string LastComputedSql = "SELECT max(computed_at) FROM {schema}.window_performance WHERE model = $1;";

    private const string ReadSql = """
        SELECT window_start, window_end, segment, metric, value, label_count, computed_at FROM {schema}.window_performance
        WHERE model = $1 AND window_start >= $2 AND window_start < $3 AND ($4::text IS NULL OR segment = $4);
        """;

    public static async Task<IReadOnlyList<LabelledPrediction>> ReadLabelledAsync(NpgsqlConnection connection, SqlText sql, ModelRange range, CancellationToken cancellationToken)
    {
        var rows = new List<LabelledPrediction>();
        using var command = range.Command(connection, sql, LabelledSql);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new LabelledPrediction
            {
                Timestamp = Timestamps.FromStored(reader.GetDateTime(0)),
                PredictedClass = reader.IsDBNull(1) ? null : reader.GetString(1),
                PredictedValue = reader.IsDBNull(2) ? null : reader.GetDouble(2),
                Confidence = reader.IsDBNull(3) ? null : reader.GetDouble(3),
                ClassProbabilities = reader.IsDBNull(4) ? ReadOnlyMemory<double>.Empty : StoredPredictionQueries.Numeric(reader.GetFieldValue<double?[]>(4)),
                Segment = reader.IsDBNull(5) ? null : reader.GetString(5),
                ActualClass = reader.IsDBNull(6) ? null : reader.GetString(6),
                ActualValue = reader.IsDBNull(7) ? null : reader.GetDouble(7),
            });
        }

        return rows;
    }

    public static async Task<IReadOnlyList<DateTimeOffset>> ReadWindowsAsync(
        NpgsqlConnection connection, SqlText sql, string model, DateTimeOffset labelledSince, DateTimeOffset predictedSince, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        using var command = new NpgsqlCommand(sql[WindowsSql], connection);
        Parameters.AddTo(
            command.Parameters,
            Parameters.Text(model),
            Parameters.Of(Timestamps.ToBound(labelledSince), NpgsqlDbType.TimestampTz),
            Parameters.Of(Timestamps.ToBound(predictedSince), NpgsqlDbType.TimestampTz),
            Parameters.Of(DateTimeOffset.UnixEpoch.UtcTicks, NpgsqlDbType.Bigint),
            Parameters.Of(window.Ticks, NpgsqlDbType.Bigint));
        var starts = new List<DateTimeOffset>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            starts.Add(new DateTimeOffset(reader.GetInt64(0) * window.Ticks, TimeSpan.Zero));
        }

        return starts;
    }

    public static async Task<DateTimeOffset?> ReadLastComputedAsync(NpgsqlConnection connection, SqlText sql, string model, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        using var command = new NpgsqlCommand(sql[LastComputedSql], connection);
        command.Parameters.Add(Parameters.Text(model));
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DateTime computed ? Timestamps.FromStored(computed) : null;
    }

    public static async Task<IReadOnlyList<RealizedPerformance>> ReadAsync(NpgsqlConnection connection, SqlText sql, ModelRange range, string? segment, CancellationToken cancellationToken)
    {
        using var command = range.Command(connection, sql, ReadSql);
        command.Parameters.Add(Parameters.Text(segment));
        var windows = new Dictionary<(DateTime Start, string Segment), (RealizedPerformance Window, Dictionary<string, double> Metrics)>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = (reader.GetDateTime(0), reader.GetString(2));
            if (!windows.TryGetValue(key, out var window))
            {
                var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
                window = (new RealizedPerformance
                {
                    WindowStart = Timestamps.FromStored(key.Item1),
                    WindowEnd = Timestamps.FromStored(reader.GetDateTime(1)),
                    Segment = key.Item2,
                    LabelCount = reader.GetInt64(5),
                    ComputedAt = Timestamps.FromStored(reader.GetDateTime(6)),
                    Metrics = metrics,
                }, metrics);
                windows.Add(key, window);
            }

            window.Metrics[reader.GetString(3)] = reader.IsDBNull(4) ? double.NaN : reader.GetDouble(4);
        }

        return [.. windows.Values.Select(w => w.Window).OrderBy(w => w.WindowStart).ThenBy(w => w.Segment, StringComparer.Ordinal)];
    }
}
