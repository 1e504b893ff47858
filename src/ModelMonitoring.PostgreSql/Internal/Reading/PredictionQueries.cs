using ModelMonitoring.Storage;
using Npgsql;

namespace ModelMonitoring.PostgreSql.Internal.Reading;

/// <summary>The prediction side of reports, computed by the server: counts, latency percentiles, confidence, class mix and the label join.</summary>
internal static class PredictionQueries
{
    // percentile_cont interpolates linearly between the closest ranks, NumPy's default method.
    private const string SummarySql = $$"""
        SELECT count(*), count(*) FILTER (WHERE status = 'Error'), avg(latency_ms),
               percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY latency_ms), max(latency_ms), avg(confidence)
        FROM {schema}.predictions WHERE {{ModelRange.Filter}};
        """;

    private const string ClassCountsSql = $$"""
        SELECT predicted_class, count(*) FROM {schema}.predictions
        WHERE {{ModelRange.Filter}} AND predicted_class IS NOT NULL
        GROUP BY predicted_class;
        """;

    // Joined by prediction id whenever the label arrived; a label without a stored prediction is never counted.
    private const string LabelsSql = """
        SELECT count(*),
               count(g.actual_class),
               count(*) FILTER (WHERE g.actual_class IS NOT NULL AND p.predicted_class = g.actual_class),
               count(p.predicted_value - g.actual_value),
               coalesce(sum(abs(p.predicted_value - g.actual_value)), 0)
        FROM {schema}.predictions p JOIN {schema}.ground_truth g ON g.prediction_id = p.prediction_id
        WHERE p.model_id IN (SELECT id FROM {schema}.models WHERE name = $1) AND p.ts >= $2 AND p.ts < $3;
        """;

    public static async Task<PredictionSummary> ReadSummaryAsync(NpgsqlConnection connection, SqlText sql, ModelRange range, CancellationToken cancellationToken)
    {
        long count, errors;
        LatencySummary? latency = null;
        double? meanConfidence;
        using (var command = range.Command(connection, sql, SummarySql))
        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            count = reader.GetInt64(0);
            errors = reader.GetInt64(1);
            if (count > 0)
            {
                var percentiles = reader.GetFieldValue<double[]>(3);
                latency = new LatencySummary(Milliseconds(reader.GetDouble(2)), Milliseconds(percentiles[0]), Milliseconds(percentiles[1]), Milliseconds(percentiles[2]), Milliseconds(reader.GetDouble(4)));
            }

            meanConfidence = reader.IsDBNull(5) ? null : reader.GetDouble(5);
        }

        var classCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var command = range.Command(connection, sql, ClassCountsSql))
        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                classCounts[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        return new PredictionSummary
        {
            Count = count,
            ErrorCount = errors,
            Latency = latency,
            MeanConfidence = meanConfidence,
            ClassCounts = classCounts,
        };
    }

    public static async Task<(long Labeled, double? Accuracy, double? MeanAbsoluteError)> ReadLabelsAsync(
        NpgsqlConnection connection, SqlText sql, ModelRange range, CancellationToken cancellationToken)
    {
        using var command = range.Command(connection, sql, LabelsSql);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var labeled = reader.GetInt64(0);
        var classLabels = reader.GetInt64(1);
        var correct = reader.GetInt64(2);
        var valueLabels = reader.GetInt64(3);
        var absoluteErrors = reader.GetDouble(4);
        return (
            labeled,
            classLabels == 0 ? null : (double)correct / classLabels,
            valueLabels == 0 ? null : absoluteErrors / valueLabels);
    }

    /// <summary>Latencies are stored as milliseconds; read back to the tick (100 ns), the precision they were recorded with.</summary>
    internal static TimeSpan Milliseconds(double milliseconds) => TimeSpan.FromTicks((long)Math.Round(milliseconds * TimeSpan.TicksPerMillisecond));
}
