using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Sqlite.Internal.Reading;

/// <summary>The prediction side of reports: counts, latency, confidence, class mix and the label join.</summary>
internal static class PredictionQueries
{
    private const string ScanSql = $"SELECT latency_ticks, status, confidence FROM predictions WHERE {ModelRange.Filter};";

    private const string ClassCountsSql = $"""
        SELECT predicted_class, COUNT(*) FROM predictions
        WHERE {ModelRange.Filter} AND predicted_class IS NOT NULL
        GROUP BY predicted_class;
        """;

    // Joined by prediction id whenever the label arrived; a label without a stored prediction is never counted.
    private const string LabelsSql = """
        SELECT COUNT(*),
               COUNT(g.actual_class),
               TOTAL(g.actual_class IS NOT NULL AND p.predicted_class = g.actual_class),
               COUNT(p.predicted_value - g.actual_value),
               TOTAL(ABS(p.predicted_value - g.actual_value))
        FROM predictions p JOIN ground_truth g ON g.prediction_id = p.prediction_id
        WHERE p.model_id IN (SELECT id FROM models WHERE name = $model) AND p.ts >= $from AND p.ts < $to;
        """;

    public static async Task<PredictionSummary> ReadSummaryAsync(SqliteConnection connection, ModelRange range, CancellationToken cancellationToken)
    {
        var latencies = new List<long>();
        long latencySum = 0;
        long errors = 0;
        long confidenceCount = 0;
        var confidenceSum = 0.0;
        using (var command = range.Command(connection, ScanSql))
        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var latency = reader.GetInt64(0);
                latencies.Add(latency);
                latencySum += latency;
                errors += reader.GetInt64(1) == (long)PredictionStatus.Error ? 1 : 0;
                if (!reader.IsDBNull(2))
                {
                    confidenceSum += reader.GetDouble(2);
                    confidenceCount++;
                }
            }
        }

        var classCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var command = range.Command(connection, ClassCountsSql))
        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                classCounts[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        return new PredictionSummary
        {
            Count = latencies.Count,
            ErrorCount = errors,
            Latency = LatencyStatistics.Summarize(CollectionsMarshal.AsSpan(latencies), latencySum),
            MeanConfidence = confidenceCount == 0 ? null : confidenceSum / confidenceCount,
            ClassCounts = classCounts,
        };
    }

    public static async Task<(long Labeled, double? Accuracy, double? MeanAbsoluteError)> ReadLabelsAsync(
        SqliteConnection connection, ModelRange range, CancellationToken cancellationToken)
    {
        using var command = range.Command(connection, LabelsSql);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var labeled = reader.GetInt64(0);
        var classLabels = reader.GetInt64(1);
        var correct = reader.GetDouble(2);
        var valueLabels = reader.GetInt64(3);
        var absoluteErrors = reader.GetDouble(4);
        return (
            labeled,
            classLabels == 0 ? null : correct / classLabels,
            valueLabels == 0 ? null : absoluteErrors / valueLabels);
    }
}
