using Microsoft.Data.Sqlite;
using ModelMonitoring.Sqlite.Internal.Codecs;
using ModelMonitoring.Sqlite.Internal.Writing;

namespace ModelMonitoring.Sqlite.Internal.Schema;

/// <summary>
/// Schema version 5 (<c>v_alerts</c> recreated by <see cref="ApplicationAlertColumns"/>): the stored data becomes readable from plain SQL (a Grafana SQLite data source,
/// the <c>sqlite3</c> shell) without this package. Per-minute feature statistics and category counts
/// get tables of their own (<see cref="Writing.FeatureStatistics"/>; the predictions' feature blobs stay
/// as they are, the cheapest form to write), and <c>v_*</c> views show every table with model names,
/// ISO-8601 UTC times and Unix milliseconds, latencies in milliseconds and enums as their names.
/// </summary>
/// <remarks>
/// The views' CASE lists spell out the enums' values as of this version, as a released step must not
/// change; a later enum member needs a later step that recreates the view (a test compares them).
/// Times: <c>time</c> is ISO-8601 UTC text with milliseconds, <c>unix_ms</c> INTEGER milliseconds, and
/// <c>ts</c> the stored microseconds, the column to filter on so that the (model_id, ts) indexes are used.
/// </remarks>
internal static class ReadableViews
{
    public static readonly Migration Migration = new(5, "per-minute feature statistics and readable SQL views", """
        CREATE TABLE feature_stats (
            model_id INTEGER NOT NULL REFERENCES models (id),
            minute INTEGER NOT NULL,
            feature TEXT NOT NULL,
            count INTEGER NOT NULL,
            total REAL NOT NULL,
            total_squares REAL NOT NULL,
            minimum REAL NOT NULL,
            maximum REAL NOT NULL,
            PRIMARY KEY (model_id, minute, feature)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE category_counts (
            model_id INTEGER NOT NULL REFERENCES models (id),
            minute INTEGER NOT NULL,
            feature TEXT NOT NULL,
            missing INTEGER NOT NULL,
            category TEXT NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (model_id, minute, feature, missing, category)
        ) STRICT, WITHOUT ROWID;

        CREATE VIEW v_predictions AS
        SELECT p.id AS id, m.name AS model, m.version AS version, m.environment AS environment,
               strftime('%Y-%m-%dT%H:%M:%fZ', p.ts / 1000000.0, 'unixepoch') AS time, p.ts / 1000 AS unix_ms, p.ts AS ts,
               lower(hex(p.prediction_id)) AS prediction_id,
               p.latency_ticks / 10000.0 AS latency_ms,
               CASE p.status WHEN 0 THEN 'Success' WHEN 1 THEN 'Error' END AS status,
               p.error_kind AS error_kind, p.predicted_class AS predicted_class, p.predicted_value AS predicted_value,
               p.confidence AS confidence, p.segment AS segment,
               g.actual_class AS actual_class, g.actual_value AS actual_value,
               strftime('%Y-%m-%dT%H:%M:%fZ', g.ts / 1000000.0, 'unixepoch') AS labelled_time,
               CASE WHEN p.predicted_class IS NULL OR g.actual_class IS NULL THEN NULL ELSE p.predicted_class = g.actual_class END AS correct
        FROM predictions p
        JOIN models m ON m.id = p.model_id
        LEFT JOIN ground_truth g ON g.prediction_id = p.prediction_id;

        CREATE VIEW v_feature_stats AS
        SELECT m.name AS model, m.version AS version, m.environment AS environment,
               strftime('%Y-%m-%dT%H:%M:%SZ', s.minute / 1000000, 'unixepoch') AS time, s.minute / 1000 AS unix_ms, s.minute AS ts,
               s.feature AS feature, s.count AS count, s.total / s.count AS mean, s.minimum AS minimum, s.maximum AS maximum,
               s.total AS total, s.total_squares AS total_squares
        FROM feature_stats s
        JOIN models m ON m.id = s.model_id;

        CREATE VIEW v_category_counts AS
        SELECT m.name AS model, m.version AS version, m.environment AS environment,
               strftime('%Y-%m-%dT%H:%M:%SZ', c.minute / 1000000, 'unixepoch') AS time, c.minute / 1000 AS unix_ms, c.minute AS ts,
               c.feature AS feature, CASE WHEN c.missing THEN NULL ELSE c.category END AS category, c.count AS count
        FROM category_counts c
        JOIN models m ON m.id = c.model_id;

        CREATE VIEW v_labels AS
        SELECT m.name AS model, m.version AS version, m.environment AS environment,
               strftime('%Y-%m-%dT%H:%M:%fZ', g.ts / 1000000.0, 'unixepoch') AS time, g.ts / 1000 AS unix_ms, g.ts AS ts,
               lower(hex(g.prediction_id)) AS prediction_id, g.actual_class AS actual_class, g.actual_value AS actual_value
        FROM ground_truth g
        JOIN models m ON m.id = g.model_id;

        CREATE VIEW v_metrics AS
        SELECT x.id AS id, m.name AS model, m.version AS version, m.environment AS environment,
               strftime('%Y-%m-%dT%H:%M:%fZ', x.ts / 1000000.0, 'unixepoch') AS time, x.ts / 1000 AS unix_ms, x.ts AS ts,
               x.name AS name, x.value AS value, x.unit AS unit,
               strftime('%Y-%m-%dT%H:%M:%fZ', x.window_start / 1000000.0, 'unixepoch') AS window_start
        FROM metrics x
        JOIN models m ON m.id = x.model_id;

        CREATE VIEW v_health_checks AS
        SELECT h.id AS id, m.name AS model, m.version AS version, m.environment AS environment,
               strftime('%Y-%m-%dT%H:%M:%fZ', h.ts / 1000000.0, 'unixepoch') AS time, h.ts / 1000 AS unix_ms, h.ts AS ts,
               CASE h.status WHEN 0 THEN 'Healthy' WHEN 1 THEN 'Degraded' WHEN 2 THEN 'Unhealthy' END AS status,
               h.score AS score
        FROM health_checks h
        JOIN models m ON m.id = h.model_id;

        CREATE VIEW v_alerts AS
        SELECT a.id AS id, a.model AS model, a.version AS version, a.environment AS environment, a.name AS name,
               CASE a.severity WHEN 0 THEN 'Info' WHEN 1 THEN 'Warning' WHEN 2 THEN 'Critical' END AS severity,
               CASE a.state WHEN 0 THEN 'Firing' WHEN 1 THEN 'Resolved' WHEN 2 THEN 'Acknowledged' END AS state,
               a.message AS message, a.metric AS metric, a.value AS value, a.threshold AS threshold, a.baseline AS baseline,
               strftime('%Y-%m-%dT%H:%M:%fZ', a.started_at / 1000000.0, 'unixepoch') AS started_time, a.started_at / 1000 AS started_unix_ms,
               strftime('%Y-%m-%dT%H:%M:%fZ', a.ts / 1000000.0, 'unixepoch') AS updated_time,
               strftime('%Y-%m-%dT%H:%M:%fZ', a.acknowledged_at / 1000000.0, 'unixepoch') AS acknowledged_time, a.acknowledged_by AS acknowledged_by,
               strftime('%Y-%m-%dT%H:%M:%fZ', a.resolved_at / 1000000.0, 'unixepoch') AS resolved_time, a.resolved_by AS resolved_by,
               a.notification_count AS notification_count, a.suppressed_count AS suppressed_count, a.escalation_level AS escalation_level
        FROM alerts a;

        CREATE VIEW v_drift_checks AS
        SELECT c.id AS id, m.name AS model, m.version AS version, m.environment AS environment,
               strftime('%Y-%m-%dT%H:%M:%fZ', c.ts / 1000000.0, 'unixepoch') AS time, c.ts / 1000 AS unix_ms, c.ts AS ts,
               strftime('%Y-%m-%dT%H:%M:%fZ', c.window_start / 1000000.0, 'unixepoch') AS window_start,
               strftime('%Y-%m-%dT%H:%M:%fZ', c.window_end / 1000000.0, 'unixepoch') AS window_end,
               c.row_count AS row_count, c.reference_row_count AS reference_row_count, c.detector AS detector,
               c.dataset_drifted AS dataset_drifted, c.drifted_share AS drifted_share, c.score AS score,
               CASE c.recommendation WHEN 0 THEN 'None' WHEN 1 THEN 'Notice' WHEN 2 THEN 'Warning' WHEN 3 THEN 'Critical' END AS recommendation
        FROM drift_checks c
        JOIN models m ON m.id = c.model_id;

        CREATE VIEW v_drift_features AS
        SELECT c.id AS check_id, m.name AS model, m.version AS version, m.environment AS environment,
               strftime('%Y-%m-%dT%H:%M:%fZ', c.ts / 1000000.0, 'unixepoch') AS time, c.ts / 1000 AS unix_ms, c.ts AS ts,
               f.position AS position, f.feature AS feature,
               CASE f.kind WHEN 0 THEN 'Numeric' WHEN 1 THEN 'Categorical' END AS kind,
               f.method AS method, f.statistic AS statistic, f.p_value AS p_value, f.threshold AS threshold,
               f.drifted AS drifted, f.score AS score
        FROM drift_features f
        JOIN drift_checks c ON c.id = f.check_id
        JOIN models m ON m.id = c.model_id;
        """, Rewrite);

    /// <summary>Adds the predictions stored before version 5 to the feature statistics, model by model.</summary>
    private static void Rewrite(SqliteConnection connection)
    {
        var models = new List<(long Id, ModelSchema Schema)>();
        using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT id, name, version, environment, numeric_features, categorical_features FROM models ORDER BY id;";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                models.Add((reader.GetInt64(0), new ModelSchema(
                    reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    Names(reader.GetFieldValue<byte[]>(4)), Names(reader.GetFieldValue<byte[]>(5)))));
            }
        }

        using var statistics = new FeatureStatistics(connection.Handle!);
        foreach (var (id, schema) in models)
        {
            using var select = connection.CreateCommand();
            select.CommandText = "SELECT ts, numeric_features, categorical_features FROM predictions WHERE model_id = $model;";
            select.Parameters.AddWithValue("$model", id);
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    var numeric = reader.IsDBNull(1) ? [] : NumericCodec.Read(reader.GetFieldValue<byte[]>(1));
                    var categorical = reader.IsDBNull(2) ? [] : StringListCodec.ReadStrings(reader.GetFieldValue<byte[]>(2));
                    if (numeric.Length <= schema.NumericFeatures.Count && categorical.Length <= schema.CategoricalFeatures.Count)
                    {
                        statistics.Add(reader.GetInt64(0), numeric, categorical);
                    }
                }
            }

            statistics.Write(id, schema);
        }
    }

    private static string[] Names(byte[] blob) =>
        Array.ConvertAll(StringListCodec.ReadStrings(blob), name => name ?? throw new InvalidDataException("A stored feature name is missing."));
}
