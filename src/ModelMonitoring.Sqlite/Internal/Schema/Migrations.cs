namespace ModelMonitoring.Sqlite.Internal.Schema;

/// <summary>
/// The schema, as an ordered list of steps. Never edit a released step: append a new one.
/// </summary>
/// <remarks>
/// Timestamps (<c>ts</c>, <c>window_start</c>) are INTEGER microseconds since the Unix epoch (UTC);
/// latencies are INTEGER ticks of 100 ns; prediction ids are their 16-byte big-endian form; numeric
/// features and class probabilities are packed float64 (<see cref="Codecs.NumericCodec"/>) and categorical features and other
/// string lists compact blobs (<see cref="Codecs.StringListCodec"/>), never JSON text. Plain SQL reads
/// the views and feature statistics of <see cref="ReadableViews"/> instead. Prediction ids
/// are unique within a store: the first prediction stored with an id wins, and a ground-truth label
/// is kept per prediction id (the one with the latest timestamp wins).
/// </remarks>
internal static class Migrations
{
    public static readonly Migration RecordingTables = new(1, "recording tables", """
        CREATE TABLE models (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            version TEXT NOT NULL,
            environment TEXT NOT NULL,
            numeric_features BLOB NOT NULL,
            categorical_features BLOB NOT NULL,
            UNIQUE (name, version, environment)
        ) STRICT;

        CREATE TABLE predictions (
            id INTEGER PRIMARY KEY,
            model_id INTEGER NOT NULL REFERENCES models (id),
            ts INTEGER NOT NULL,
            prediction_id BLOB NOT NULL,
            latency_ticks INTEGER NOT NULL,
            status INTEGER NOT NULL,
            error_kind TEXT,
            predicted_class TEXT,
            predicted_value REAL,
            confidence REAL,
            input_hash INTEGER,
            segment TEXT,
            numeric_features BLOB,
            categorical_features BLOB
        ) STRICT;

        CREATE UNIQUE INDEX predictions_prediction_id ON predictions (prediction_id);

        CREATE TABLE ground_truth (
            prediction_id BLOB NOT NULL PRIMARY KEY,
            model_id INTEGER NOT NULL REFERENCES models (id),
            ts INTEGER NOT NULL,
            actual_class TEXT,
            actual_value REAL
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE metrics (
            id INTEGER PRIMARY KEY,
            model_id INTEGER NOT NULL REFERENCES models (id),
            name TEXT NOT NULL,
            value REAL,
            unit TEXT,
            ts INTEGER NOT NULL,
            window_start INTEGER,
            metadata BLOB
        ) STRICT;

        CREATE TABLE health_checks (
            id INTEGER PRIMARY KEY,
            model_id INTEGER NOT NULL REFERENCES models (id),
            ts INTEGER NOT NULL,
            status INTEGER NOT NULL,
            score REAL,
            issues BLOB
        ) STRICT;

        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY,
            model TEXT NOT NULL,
            version TEXT NOT NULL,
            environment TEXT NOT NULL,
            name TEXT NOT NULL,
            severity INTEGER NOT NULL,
            state INTEGER NOT NULL,
            message TEXT NOT NULL,
            metric TEXT,
            value REAL,
            threshold REAL,
            baseline REAL,
            ts INTEGER NOT NULL
        ) STRICT;
        """);

    public static readonly Migration TimeRangeIndexes = new(2, "indexes for per-model time-range queries", """
        CREATE INDEX predictions_model_ts ON predictions (model_id, ts);
        CREATE INDEX metrics_model_ts ON metrics (model_id, ts);
        CREATE INDEX metrics_model_name_ts ON metrics (model_id, name, ts);
        CREATE INDEX health_checks_model_ts ON health_checks (model_id, ts);
        CREATE INDEX alerts_model_ts ON alerts (model, ts);
        """);

    // drift_features rows belong to one check and are read in the order the detector reported them. REAL
    // columns are nullable because NaN is stored as NULL (a detector may report a NaN statistic).
    // reference_profiles.profile holds ReferenceProfileCodec's versioned format.
    public static readonly Migration DriftTables = new(3, "drift checks and reference profiles", """
        CREATE TABLE drift_checks (
            id INTEGER PRIMARY KEY,
            model_id INTEGER NOT NULL REFERENCES models (id),
            ts INTEGER NOT NULL,
            window_start INTEGER NOT NULL,
            window_end INTEGER NOT NULL,
            row_count INTEGER NOT NULL,
            reference_row_count INTEGER NOT NULL,
            detector TEXT NOT NULL,
            dataset_drifted INTEGER NOT NULL,
            drifted_share REAL,
            score REAL,
            recommendation INTEGER NOT NULL
        ) STRICT;

        CREATE INDEX drift_checks_model_ts ON drift_checks (model_id, ts);

        CREATE TABLE drift_features (
            check_id INTEGER NOT NULL REFERENCES drift_checks (id),
            position INTEGER NOT NULL,
            feature TEXT NOT NULL,
            kind INTEGER NOT NULL,
            method TEXT NOT NULL,
            statistic REAL,
            p_value REAL,
            threshold REAL,
            drifted INTEGER NOT NULL,
            score REAL,
            PRIMARY KEY (check_id, position)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE reference_profiles (
            model TEXT NOT NULL PRIMARY KEY,
            row_count INTEGER NOT NULL,
            profile BLOB NOT NULL
        ) STRICT;
        """);

    /// <summary>
    /// Alerts become stored lifecycles (firing, acknowledged, resolved) updated in place, keyed by the
    /// alert id; silences get a table. Each alert event of version 1 becomes one alert of its own.
    /// </summary>
    public static readonly Migration AlertLifecycle = new(4, "alert lifecycle and silences", """
        ALTER TABLE alerts RENAME TO alert_events_v1;

        CREATE TABLE alerts (
            id TEXT PRIMARY KEY,
            model TEXT NOT NULL,
            version TEXT NOT NULL,
            environment TEXT NOT NULL,
            name TEXT NOT NULL,
            severity INTEGER NOT NULL,
            state INTEGER NOT NULL,
            message TEXT NOT NULL,
            metric TEXT,
            value REAL,
            threshold REAL,
            baseline REAL,
            ts INTEGER NOT NULL,
            started_at INTEGER NOT NULL,
            acknowledged_by TEXT,
            acknowledged_at INTEGER,
            resolved_at INTEGER,
            resolved_by TEXT,
            last_notified_at INTEGER,
            notification_count INTEGER NOT NULL,
            suppressed_count INTEGER NOT NULL,
            escalation_level INTEGER NOT NULL,
            notified_channels BLOB
        ) STRICT;

        INSERT INTO alerts (id, model, version, environment, name, severity, state, message, metric, value, threshold, baseline,
                            ts, started_at, resolved_at, notification_count, suppressed_count, escalation_level)
        SELECT printf('v1-%d', id), model, version, environment, name, severity, state, message, metric, value, threshold, baseline,
               ts, ts, CASE state WHEN 1 THEN ts END, 1, 0, 0
        FROM alert_events_v1;

        DROP TABLE alert_events_v1;

        CREATE INDEX alerts_model_started ON alerts (model, started_at);
        CREATE INDEX alerts_started ON alerts (started_at);
        CREATE INDEX alerts_active ON alerts (state) WHERE state <> 1;

        CREATE TABLE silences (
            id TEXT PRIMARY KEY,
            model TEXT,
            alert_name TEXT,
            severity INTEGER,
            starts_at INTEGER NOT NULL,
            ends_at INTEGER NOT NULL,
            created_by TEXT,
            comment TEXT
        ) STRICT;
        """);

    /// <summary>
    /// Alert rules added at run time (<see cref="Storage.IAlertRuleStore"/>), one row per rule name: each setting of
    /// the rule in a column of its own (enums as their numbers, <c>For</c> as ticks of 100 ns, times as microseconds),
    /// whether it is enabled, and who created and last changed it, when. <c>v_alert_rules</c> shows them readably, as
    /// the views of <see cref="ReadableViews"/> do. Self-contained: it creates only its own table and view.
    /// </summary>
    public static readonly Migration AlertRules = new(6, "alert rules managed at run time", """
        CREATE TABLE alert_rules (
            name TEXT PRIMARY KEY,
            model TEXT,
            environment TEXT,
            metric TEXT NOT NULL,
            aggregation INTEGER NOT NULL,
            operator TEXT,
            value REAL,
            subject INTEGER NOT NULL,
            baseline REAL,
            baseline_windows INTEGER NOT NULL,
            for_ticks INTEGER NOT NULL,
            severity INTEGER,
            enabled INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            created_by TEXT NOT NULL,
            updated_at INTEGER NOT NULL,
            updated_by TEXT NOT NULL
        ) STRICT;

        CREATE VIEW v_alert_rules AS
        SELECT r.name AS name, r.model AS model, r.environment AS environment, r.metric AS metric,
               CASE r.aggregation WHEN 0 THEN 'Mean' WHEN 1 THEN 'Last' WHEN 2 THEN 'Min' WHEN 3 THEN 'Max' WHEN 4 THEN 'Sum' WHEN 5 THEN 'Count' END AS aggregation,
               r.operator AS operator, r.value AS value,
               CASE r.subject WHEN 0 THEN 'Value' WHEN 1 THEN 'ChangeFromBaseline' WHEN 2 THEN 'AbsoluteChangeFromBaseline' END AS subject,
               r.baseline AS baseline, r.baseline_windows AS baseline_windows, r.for_ticks / 10000000.0 AS for_seconds,
               CASE r.severity WHEN 0 THEN 'Info' WHEN 1 THEN 'Warning' WHEN 2 THEN 'Critical' END AS severity,
               r.enabled AS enabled,
               strftime('%Y-%m-%dT%H:%M:%fZ', r.created_at / 1000000.0, 'unixepoch') AS created_time, r.created_by AS created_by,
               strftime('%Y-%m-%dT%H:%M:%fZ', r.updated_at / 1000000.0, 'unixepoch') AS updated_time, r.updated_by AS updated_by
        FROM alert_rules r;
        """);

    /// <summary>Gets every step, oldest first.</summary>
    public static IReadOnlyList<Migration> All { get; } = [RecordingTables, TimeRangeIndexes, DriftTables, AlertLifecycle, ReadableViews.Migration, AlertRules, ApplicationAlertColumns.Migration, ReplicaTable.Migration, RealizedPerformanceTable.Migration, WindowPartialTables.Migration, FeatureQualityColumn.Migration, RollupTables.Migration, ConceptDriftTable.Migration, ExplanationTables.Migration, ClassProbabilitiesColumn.Migration, ModelClassesColumn.Migration];

    /// <summary>Gets the version a fully migrated database has.</summary>
    public static int LatestVersion => All[^1].Version;
}
