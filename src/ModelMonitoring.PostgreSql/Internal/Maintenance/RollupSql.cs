namespace ModelMonitoring.PostgreSql.Internal.Maintenance;

/// <summary>
/// The statements that roll one bucket of one model up into <c>rollups</c> ($1 model, $2 resolution, $3 bucket start,
/// $4 bucket end). Percentiles are <c>percentile_disc</c>: nearest rank, exact, as the SQLite provider computes them.
/// </summary>
internal static class RollupSql
{
    public const string Clear = "DELETE FROM {schema}.rollups WHERE model = $1 AND resolution = $2 AND bucket_start >= $3 AND bucket_start < $4;";

    public const string Volume = """
        INSERT INTO {schema}.rollups (model, resolution, bucket_start, metric, value, weight)
        WITH a AS (
            SELECT count(*) AS n, count(*) FILTER (WHERE status = 'Error') AS e, avg(latency_ms) AS mean,
                   percentile_disc(0.5) WITHIN GROUP (ORDER BY latency_ms) AS p50,
                   percentile_disc(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95,
                   percentile_disc(0.99) WITHIN GROUP (ORDER BY latency_ms) AS p99,
                   avg(confidence) AS conf, count(confidence) AS nc
            FROM {schema}.predictions
            WHERE model_id IN (SELECT id FROM {schema}.models WHERE name = $1) AND ts >= $3 AND ts < $4)
        SELECT $1, $2, $3, m, v, w FROM (
            SELECT 'prediction_count' AS m, n::double precision AS v, n AS w FROM a
            UNION ALL SELECT 'error_count', e, n FROM a
            UNION ALL SELECT 'latency_mean_ms', mean, n FROM a
            UNION ALL SELECT 'latency_p50_ms', p50, n FROM a
            UNION ALL SELECT 'latency_p95_ms', p95, n FROM a
            UNION ALL SELECT 'latency_p99_ms', p99, n FROM a
            UNION ALL SELECT 'confidence_mean', conf, nc FROM a) x
        WHERE w > 0;
        """;

    public const string Performance = """
        INSERT INTO {schema}.rollups (model, resolution, bucket_start, metric, value, weight)
        SELECT $1, $2, $3, 'performance:' || metric, sum(value * label_count) / sum(label_count), sum(label_count)
        FROM {schema}.window_performance
        WHERE model = $1 AND segment = '' AND window_start >= $3 AND window_start < $4 AND value IS NOT NULL AND label_count > 0
        GROUP BY metric;
        """;

    public const string Drift = """
        INSERT INTO {schema}.rollups (model, resolution, bucket_start, metric, value, weight)
        WITH f AS (
            SELECT f.feature AS feature, f.drifted AS drifted, f.score AS score
            FROM {schema}.drift_checks c JOIN {schema}.drift_features f ON f.check_id = c.id
            WHERE c.model_id IN (SELECT id FROM {schema}.models WHERE name = $1) AND c.ts >= $3 AND c.ts < $4)
        SELECT $1, $2, $3, m, v, w FROM (
            SELECT 'drift_drifted:' || feature AS m, count(*) FILTER (WHERE drifted)::double precision AS v, count(*) AS w FROM f GROUP BY feature
            UNION ALL SELECT 'drift_max_score:' || feature, max(score), count(score) FROM f GROUP BY feature
            UNION ALL SELECT 'drift_mean_score:' || feature, avg(score), count(score) FROM f GROUP BY feature) x
        WHERE w > 0;
        """;

    // Health is a window metric: a window belongs to the bucket its start falls in; ts (its end) >= $3 bounds the index scan.
    public const string Health = """
        INSERT INTO {schema}.rollups (model, resolution, bucket_start, metric, value, weight)
        WITH h AS (
            SELECT value FROM {schema}.metrics
            WHERE model_id IN (SELECT id FROM {schema}.models WHERE name = $1) AND name = 'health.score' AND ts >= $3
              AND window_start >= $3 AND window_start < $4 AND value IS NOT NULL)
        SELECT $1, $2, $3, m, v, w FROM (
            SELECT 'health_score_mean' AS m, avg(value) AS v, count(*) AS w FROM h
            UNION ALL SELECT 'health_score_min', min(value), count(*) FROM h) x
        WHERE w > 0;
        """;

    // Estimates are window metrics too. starts_with rather than a range on name: under the database's collation the
    // names starting with "estimated." need not sort together; ts >= $3 bounds the index scan.
    public const string Estimated = """
        INSERT INTO {schema}.rollups (model, resolution, bucket_start, metric, value, weight)
        SELECT $1, $2, $3, 'estimated:' || name, avg(value), count(*)
        FROM {schema}.metrics
        WHERE model_id IN (SELECT id FROM {schema}.models WHERE name = $1) AND starts_with(name, 'estimated.') AND ts >= $3
          AND window_start >= $3 AND window_start < $4 AND value IS NOT NULL
        GROUP BY name;
        """;

    public const string SaveProgress = """
        INSERT INTO {schema}.rollup_progress (model, resolution, next_start) VALUES ($1, $2, $4)
        ON CONFLICT (model, resolution) DO UPDATE SET next_start = excluded.next_start;
        """;

    public const string ReadProgress = "SELECT next_start FROM {schema}.rollup_progress WHERE model = $1 AND resolution = $2;";

    public const string FirstPrediction = "SELECT min(ts) FROM {schema}.predictions WHERE model_id IN (SELECT id FROM {schema}.models WHERE name = $1);";

    public const string ModelNames = "SELECT DISTINCT name FROM {schema}.models ORDER BY name;";
}
