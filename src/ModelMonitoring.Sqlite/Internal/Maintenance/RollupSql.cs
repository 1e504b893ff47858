namespace ModelMonitoring.Sqlite.Internal.Maintenance;

/// <summary>
/// The statements that roll one bucket of one model up into <c>rollups</c>. Percentiles are nearest rank over the
/// bucket's latencies (the smallest value whose rank is at least q·n), so they are exact; a bucket is read once,
/// through the (model, time) indexes, when it closes.
/// </summary>
internal static class RollupSql
{
    public const string Clear = "DELETE FROM rollups WHERE model = $model AND resolution = $resolution AND bucket_start = $from;";

    public const string Volume = """
        INSERT INTO rollups (model, resolution, bucket_start, metric, value, weight)
        WITH p AS (
            SELECT latency_ticks AS l, status AS s, confidence AS c,
                   ROW_NUMBER() OVER (ORDER BY latency_ticks) AS rn, COUNT(*) OVER () AS n
            FROM predictions
            WHERE model_id IN (SELECT id FROM models WHERE name = $model) AND ts >= $from AND ts < $to),
        a AS (
            SELECT COUNT(*) AS n, TOTAL(s <> 0) AS e, TOTAL(l) / 10000.0 / NULLIF(COUNT(*), 0) AS mean,
                   MIN(CASE WHEN rn * 100 >= n * 50 THEN l END) / 10000.0 AS p50,
                   MIN(CASE WHEN rn * 100 >= n * 95 THEN l END) / 10000.0 AS p95,
                   MIN(CASE WHEN rn * 100 >= n * 99 THEN l END) / 10000.0 AS p99,
                   AVG(c) AS conf, COUNT(c) AS nc
            FROM p)
        SELECT $model, $resolution, $from, m, v, w FROM (
            SELECT 'prediction_count' AS m, n AS v, n AS w FROM a
            UNION ALL SELECT 'error_count', e, n FROM a
            UNION ALL SELECT 'latency_mean_ms', mean, n FROM a
            UNION ALL SELECT 'latency_p50_ms', p50, n FROM a
            UNION ALL SELECT 'latency_p95_ms', p95, n FROM a
            UNION ALL SELECT 'latency_p99_ms', p99, n FROM a
            UNION ALL SELECT 'confidence_mean', conf, nc FROM a) x
        WHERE w > 0;
        """;

    public const string Performance = """
        INSERT INTO rollups (model, resolution, bucket_start, metric, value, weight)
        SELECT $model, $resolution, $from, 'performance:' || metric, TOTAL(value * label_count) / SUM(label_count), SUM(label_count)
        FROM window_performance
        WHERE model = $model AND segment = '' AND window_start >= $from AND window_start < $to AND value IS NOT NULL AND label_count > 0
        GROUP BY metric;
        """;

    public const string Drift = """
        INSERT INTO rollups (model, resolution, bucket_start, metric, value, weight)
        WITH f AS (
            SELECT f.feature AS feature, f.drifted AS drifted, f.score AS score
            FROM drift_checks c JOIN drift_features f ON f.check_id = c.id
            WHERE c.model_id IN (SELECT id FROM models WHERE name = $model) AND c.ts >= $from AND c.ts < $to)
        SELECT $model, $resolution, $from, m, v, w FROM (
            SELECT 'drift_drifted:' || feature AS m, TOTAL(drifted) AS v, COUNT(*) AS w FROM f GROUP BY feature
            UNION ALL SELECT 'drift_max_score:' || feature, MAX(score), COUNT(score) FROM f GROUP BY feature
            UNION ALL SELECT 'drift_mean_score:' || feature, AVG(score), COUNT(score) FROM f GROUP BY feature) x
        WHERE w > 0;
        """;

    // Health is a window metric: a window belongs to the bucket its start falls in; ts (its end) >= $from bounds the index scan.
    public const string Health = """
        INSERT INTO rollups (model, resolution, bucket_start, metric, value, weight)
        WITH h AS (
            SELECT value FROM metrics
            WHERE model_id IN (SELECT id FROM models WHERE name = $model) AND name = 'health.score' AND ts >= $from
              AND window_start >= $from AND window_start < $to AND value IS NOT NULL)
        SELECT $model, $resolution, $from, m, v, w FROM (
            SELECT 'health_score_mean' AS m, AVG(value) AS v, COUNT(*) AS w FROM h
            UNION ALL SELECT 'health_score_min', MIN(value), COUNT(*) FROM h) x
        WHERE w > 0;
        """;

    // Estimates are window metrics too. Names are compared bytewise (BINARY), so [estimated., estimated/) is exactly the
    // names starting with "estimated." and the name index is searched over that range.
    public const string Estimated = """
        INSERT INTO rollups (model, resolution, bucket_start, metric, value, weight)
        SELECT $model, $resolution, $from, 'estimated:' || name, AVG(value), COUNT(*)
        FROM metrics
        WHERE model_id IN (SELECT id FROM models WHERE name = $model) AND name >= 'estimated.' AND name < 'estimated/' AND ts >= $from
          AND window_start >= $from AND window_start < $to AND value IS NOT NULL
        GROUP BY name;
        """;

    public const string SaveProgress = """
        INSERT INTO rollup_progress (model, resolution, next_start) VALUES ($model, $resolution, $to)
        ON CONFLICT (model, resolution) DO UPDATE SET next_start = excluded.next_start;
        """;

    public const string ReadProgress = "SELECT next_start FROM rollup_progress WHERE model = $model AND resolution = $resolution;";

    public const string FirstPrediction = "SELECT MIN(ts) FROM predictions WHERE model_id IN (SELECT id FROM models WHERE name = $model);";
}
