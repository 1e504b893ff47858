namespace FraudDetection;

/// <summary>
/// The two queries the sample prints at the end, to try on monitoring.db with any SQLite client
/// (the views are described in src/ModelMonitoring.Sqlite/README.md). The SQLite provider's tests
/// run them against a file the pipeline wrote, so they keep working as the schema moves on.
/// </summary>
internal static class SqlExamples
{
    /// <summary>The mean transaction amount per second: the covariate shift, from the stored feature values.</summary>
    public const string MeanAmountPerSecond = """
        SELECT strftime('%H:%M:%S', time) AS second, round(avg(value), 1) AS mean_amount, count(*) AS predictions
        FROM v_feature_values
        WHERE model = 'fraud' AND feature = 'amount'
        GROUP BY second ORDER BY second;
        """;

    /// <summary>Per second, among the labelled predictions: the share labelled fraud, the accuracy and the mean latency.</summary>
    public const string LabelShareAndAccuracyPerSecond = """
        SELECT strftime('%H:%M:%S', time) AS second, count(*) AS labelled,
               round(avg(actual_class = 'fraud'), 3) AS fraud_share, round(avg(correct), 3) AS accuracy,
               round(avg(latency_ms), 1) AS mean_latency_ms
        FROM v_predictions
        WHERE model = 'fraud' AND actual_class IS NOT NULL
        GROUP BY second ORDER BY second;
        """;
}
