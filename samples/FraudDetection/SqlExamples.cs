namespace FraudDetection;

/// <summary>
/// The two queries the sample prints at the end, to try on monitoring.db with any SQLite client
/// (the views are described in src/ModelMonitoring.Sqlite/README.md). The SQLite provider's tests
/// run them against a file the pipeline wrote, so they keep working as the schema moves on.
/// </summary>
internal static class SqlExamples
{
    /// <summary>Per second: predictions, error rate and mean latency; among the labelled ones, the share labelled fraud and the accuracy.</summary>
    public const string PerSecond = """
        SELECT strftime('%H:%M:%S', time) AS second, count(*) AS predictions,
               round(avg(status = 'Error'), 3) AS error_rate, round(avg(latency_ms), 1) AS mean_latency_ms,
               count(actual_class) AS labelled, round(avg(actual_class = 'fraud'), 3) AS fraud_share,
               round(avg(correct), 3) AS accuracy
        FROM v_predictions
        WHERE model = 'fraud'
        GROUP BY second ORDER BY second;
        """;

    /// <summary>Each numeric feature's mean, minimum and maximum per minute, from the stored feature statistics.</summary>
    public const string FeaturesPerMinute = """
        SELECT time AS minute, feature, count, round(mean, 2) AS mean, round(minimum, 2) AS minimum, round(maximum, 2) AS maximum
        FROM v_feature_stats
        WHERE model = 'fraud'
        ORDER BY feature, minute;
        """;
}
