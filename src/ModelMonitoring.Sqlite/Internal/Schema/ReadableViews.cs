using Microsoft.Data.Sqlite;
using ModelMonitoring.Sqlite.Internal.Codecs;
using ModelMonitoring.Sqlite.Internal.Writing;

namespace ModelMonitoring.Sqlite.Internal.Schema;

/// <summary>
/// Schema version 5: the stored data becomes readable from plain SQL (a Grafana SQLite data source,
/// the <c>sqlite3</c> shell) without this package. Feature values are JSON arrays instead of blobs,
/// feature names get a table of their own, and <c>v_*</c> views show every table with model names,
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
    public static readonly Migration Migration = new(5, "feature values as JSON, feature names, and readable SQL views", """
        CREATE TABLE model_features (
            model_id INTEGER NOT NULL REFERENCES models (id),
            kind TEXT NOT NULL CHECK (kind IN ('numeric', 'categorical')),
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            PRIMARY KEY (model_id, kind, position)
        ) STRICT, WITHOUT ROWID;

        ALTER TABLE predictions RENAME COLUMN numeric_features TO numeric_features_v4;
        ALTER TABLE predictions RENAME COLUMN categorical_features TO categorical_features_v4;
        ALTER TABLE predictions ADD COLUMN numeric_features TEXT;
        ALTER TABLE predictions ADD COLUMN categorical_features TEXT;

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
               CASE WHEN p.predicted_class IS NULL OR g.actual_class IS NULL THEN NULL ELSE p.predicted_class = g.actual_class END AS correct,
               p.numeric_features AS numeric_features, p.categorical_features AS categorical_features
        FROM predictions p
        JOIN models m ON m.id = p.model_id
        LEFT JOIN ground_truth g ON g.prediction_id = p.prediction_id;

        CREATE VIEW v_feature_values AS
        SELECT p.id AS prediction, m.name AS model, m.version AS version, m.environment AS environment,
               strftime('%Y-%m-%dT%H:%M:%fZ', p.ts / 1000000.0, 'unixepoch') AS time, p.ts / 1000 AS unix_ms, p.ts AS ts,
               f.name AS feature, j.value AS value
        FROM predictions p
        JOIN models m ON m.id = p.model_id
        JOIN json_each(p.numeric_features) j
        JOIN model_features f ON f.model_id = p.model_id AND f.kind = 'numeric' AND f.position = j.key;

        CREATE VIEW v_category_values AS
        SELECT p.id AS prediction, m.name AS model, m.version AS version, m.environment AS environment,
               strftime('%Y-%m-%dT%H:%M:%fZ', p.ts / 1000000.0, 'unixepoch') AS time, p.ts / 1000 AS unix_ms, p.ts AS ts,
               f.name AS feature, j.value AS value
        FROM predictions p
        JOIN models m ON m.id = p.model_id
        JOIN json_each(p.categorical_features) j
        JOIN model_features f ON f.model_id = p.model_id AND f.kind = 'categorical' AND f.position = j.key;

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

    private const int RowsPerRead = 1_000;

    /// <summary>Converts the version 4 blobs: every model's feature names into <c>model_features</c>, every prediction's features into JSON.</summary>
    private static void Rewrite(SqliteConnection connection)
    {
        using (var insert = new RawStatement(connection.Handle!, "INSERT INTO model_features (model_id, kind, position, name) VALUES (?, ?, ?, ?);"))
        using (var models = connection.CreateCommand())
        {
            models.CommandText = "SELECT id, numeric_features, categorical_features FROM models;";
            using var reader = models.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                ModelRegistry.WriteFeatureNames(id, NonNull(StringListCodec.ReadStrings(reader.GetFieldValue<byte[]>(1))), "numeric", insert);
                ModelRegistry.WriteFeatureNames(id, NonNull(StringListCodec.ReadStrings(reader.GetFieldValue<byte[]>(2))), "categorical", insert);
            }
        }

        using var json = new FeatureJson();
        using var update = new RawStatement(connection.Handle!, "UPDATE predictions SET numeric_features = ?, categorical_features = ? WHERE id = ?;");
        var rows = new List<(long Id, byte[]? Numeric, byte[]? Categorical)>(RowsPerRead);
        var last = long.MinValue;
        do
        {
            // Read a page, then update it: the scan never runs while its own table changes.
            rows.Clear();
            using (var select = connection.CreateCommand())
            {
                select.CommandText = """
                    SELECT id, numeric_features_v4, categorical_features_v4 FROM predictions
                    WHERE id > $last AND (numeric_features_v4 IS NOT NULL OR categorical_features_v4 IS NOT NULL) ORDER BY id LIMIT $limit;
                    """;
                select.Parameters.AddWithValue("$last", last);
                select.Parameters.AddWithValue("$limit", RowsPerRead);
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    rows.Add((reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<byte[]>(2)));
                }
            }

            foreach (var (id, numeric, categorical) in rows)
            {
                // Each array is bound before the next one reuses the buffer: SQLite copies bound text.
                if (numeric is null)
                {
                    update.BindNull(1);
                }
                else
                {
                    update.BindUtf8Text(1, json.WriteNumbers(NumericCodec.Read(numeric)));
                }

                if (categorical is null)
                {
                    update.BindNull(2);
                }
                else
                {
                    update.BindUtf8Text(2, json.WriteStrings(StringListCodec.ReadStrings(categorical)));
                }

                update.BindInt64(3, id);
                update.Execute();
                last = id;
            }
        }
        while (rows.Count == RowsPerRead);

        using var drop = connection.CreateCommand();
        drop.CommandText = """
            ALTER TABLE predictions DROP COLUMN numeric_features_v4;
            ALTER TABLE predictions DROP COLUMN categorical_features_v4;
            """;
        drop.ExecuteNonQuery();
    }

    private static string[] NonNull(string?[] names) =>
        Array.ConvertAll(names, name => name ?? throw new InvalidDataException("A stored feature name is missing."));
}
