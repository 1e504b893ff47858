using Microsoft.Data.Sqlite;
using ModelMonitoring.Sqlite.Internal.Codecs;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Sqlite.Internal.Reading;

/// <summary>The reading side of realized performance: predictions joined with labels, the windows labels reached, and stored results.</summary>
internal static class RealizedPerformanceQueries
{
    private const string ModelIds = "SELECT id FROM models WHERE name = $model";

    // predictions_model_ts finds the window's predictions; each label is found by its primary key.
    internal const string LabelledSql = $"""
        SELECT p.ts, p.predicted_class, p.predicted_value, p.confidence, p.class_probabilities, p.segment, g.actual_class, g.actual_value
        FROM predictions p JOIN ground_truth g ON g.prediction_id = p.prediction_id
        WHERE p.model_id IN ({ModelIds}) AND p.ts >= $from AND p.ts < $to;
        """;

    // ground_truth_model_ts finds the recent labels; each prediction is found by its unique id. The window index is counted
    // in ticks from DateTimeOffset.MinValue, as the pipeline's windows are.
    internal const string WindowsSql = $"""
        SELECT DISTINCT (p.ts * 10 + $epoch_ticks) / $window_ticks
        FROM ground_truth g JOIN predictions p ON p.prediction_id = g.prediction_id
        WHERE g.model_id IN ({ModelIds}) AND g.ts >= $since AND p.model_id IN ({ModelIds}) AND p.ts >= $predicted_since
        ORDER BY 1;
        """;

    private const string LastComputedSql = "SELECT MAX(computed_at) FROM window_performance WHERE model = $model;";

    private const string ReadSql = """
        SELECT window_start, window_end, segment, metric, value, label_count, computed_at FROM window_performance
        WHERE model = $model AND window_start >= $from AND window_start < $to AND ($segment IS NULL OR segment = $segment);
        """;

    public static async Task<IReadOnlyList<LabelledPrediction>> ReadLabelledAsync(SqliteConnection connection, ModelRange range, CancellationToken cancellationToken)
    {
        var rows = new List<LabelledPrediction>();
        using var command = range.Command(connection, LabelledSql);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new LabelledPrediction
            {
                Timestamp = UnixMicroseconds.ToTimestamp(reader.GetInt64(0)),
                PredictedClass = reader.IsDBNull(1) ? null : reader.GetString(1),
                PredictedValue = reader.IsDBNull(2) ? null : reader.GetDouble(2),
                Confidence = reader.IsDBNull(3) ? null : reader.GetDouble(3),
                ClassProbabilities = reader.IsDBNull(4) ? ReadOnlyMemory<double>.Empty : NumericCodec.Read(reader.GetFieldValue<byte[]>(4)),
                Segment = reader.IsDBNull(5) ? null : reader.GetString(5),
                ActualClass = reader.IsDBNull(6) ? null : reader.GetString(6),
                ActualValue = reader.IsDBNull(7) ? null : reader.GetDouble(7),
            });
        }

        return rows;
    }

    public static async Task<IReadOnlyList<DateTimeOffset>> ReadWindowsAsync(
        SqliteConnection connection, string model, DateTimeOffset labelledSince, DateTimeOffset predictedSince, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        using var command = connection.CreateCommand();
        command.CommandText = WindowsSql;
        command.Parameters.AddWithValue("$model", model);
        command.Parameters.AddWithValue("$epoch_ticks", DateTimeOffset.UnixEpoch.UtcTicks);
        command.Parameters.AddWithValue("$window_ticks", window.Ticks);
        command.Parameters.AddWithValue("$since", UnixMicroseconds.FromBound(labelledSince));
        command.Parameters.AddWithValue("$predicted_since", UnixMicroseconds.FromBound(predictedSince));
        var starts = new List<DateTimeOffset>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            starts.Add(new DateTimeOffset(reader.GetInt64(0) * window.Ticks, TimeSpan.Zero));
        }

        return starts;
    }

    public static async Task<DateTimeOffset?> ReadLastComputedAsync(SqliteConnection connection, string model, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        using var command = connection.CreateCommand();
        command.CommandText = LastComputedSql;
        command.Parameters.AddWithValue("$model", model);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is long micros ? UnixMicroseconds.ToTimestamp(micros) : null;
    }

    public static async Task<IReadOnlyList<RealizedPerformance>> ReadAsync(SqliteConnection connection, ModelRange range, string? segment, CancellationToken cancellationToken)
    {
        using var command = range.Command(connection, ReadSql);
        command.Parameters.AddWithValue("$segment", (object?)segment ?? DBNull.Value);
        var windows = new Dictionary<(long Start, string Segment), (RealizedPerformance Window, Dictionary<string, double> Metrics)>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = (reader.GetInt64(0), reader.GetString(2));
            if (!windows.TryGetValue(key, out var window))
            {
                var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
                window = (new RealizedPerformance
                {
                    WindowStart = UnixMicroseconds.ToTimestamp(key.Item1),
                    WindowEnd = UnixMicroseconds.ToTimestamp(reader.GetInt64(1)),
                    Segment = key.Item2,
                    LabelCount = reader.GetInt64(5),
                    ComputedAt = UnixMicroseconds.ToTimestamp(reader.GetInt64(6)),
                    Metrics = metrics,
                }, metrics);
                windows.Add(key, window);
            }

            window.Metrics[reader.GetString(3)] = reader.IsDBNull(4) ? double.NaN : reader.GetDouble(4);
        }

        return [.. windows.Values.Select(w => w.Window).OrderBy(w => w.WindowStart).ThenBy(w => w.Segment, StringComparer.Ordinal)];
    }
}
