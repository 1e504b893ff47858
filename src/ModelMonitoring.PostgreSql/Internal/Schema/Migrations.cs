namespace ModelMonitoring.PostgreSql.Internal.Schema;

/// <summary>The schema, as an ordered list of steps. Never edit a released step: append a new one.</summary>
/// <remarks>
/// Written for people and dashboards as much as for the store: times are <c>timestamptz</c>, latencies
/// <c>latency_ms</c>, enums their names as text with CHECK constraints, numeric features a
/// <c>double precision[]</c> in the model's order (the names are held once, in <c>models</c>), class probabilities
/// a <c>double precision[]</c> in the order of the model's classes, categorical
/// features a <c>text[]</c>, metric metadata <c>jsonb</c>, prediction ids <c>uuid</c>. A new enum member
/// needs a step that widens its CHECK.
/// </remarks>
internal static class Migrations
{
    /// <summary>
    /// Predictions are partitioned by day on <c>ts</c> (<see cref="Partitions.PartitionMaintainer"/> creates
    /// the days ahead and drops the expired ones), with a DEFAULT partition for any other time, so no row is
    /// ever refused. A unique index on a partitioned table must contain the partition key, which would make
    /// an id unique per instant rather than per store; <c>prediction_ids</c> (one small row per id) holds
    /// the store-wide uniqueness instead, and the first prediction inserted there wins.
    /// </summary>
    public static readonly Migration RecordingTables = new(1, "recording tables, predictions partitioned by day", """
        CREATE TABLE {schema}.models (
            id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name text NOT NULL,
            version text NOT NULL,
            environment text NOT NULL,
            numeric_features text[] NOT NULL,
            categorical_features text[] NOT NULL,
            UNIQUE (name, version, environment)
        );

        CREATE TABLE {schema}.predictions (
            ts timestamptz NOT NULL,
            model_id integer NOT NULL,
            row_id bigserial NOT NULL,
            prediction_id uuid NOT NULL,
            latency_ms double precision NOT NULL,
            status text NOT NULL CHECK (status IN ('Success', 'Error')),
            error_kind text,
            predicted_class text,
            predicted_value double precision,
            confidence double precision,
            input_hash bigint,
            segment text,
            numeric_features double precision[],
            categorical_features text[]
        ) PARTITION BY RANGE (ts);

        CREATE TABLE {schema}.predictions_default PARTITION OF {schema}.predictions DEFAULT;
        CREATE INDEX predictions_model_ts ON {schema}.predictions (model_id, ts);

        CREATE TABLE {schema}.prediction_ids (
            prediction_id uuid PRIMARY KEY,
            ts timestamptz NOT NULL
        );
        CREATE INDEX prediction_ids_ts ON {schema}.prediction_ids USING brin (ts);

        CREATE TABLE {schema}.ground_truth (
            prediction_id uuid PRIMARY KEY,
            model_id integer NOT NULL REFERENCES {schema}.models (id),
            ts timestamptz NOT NULL,
            actual_class text,
            actual_value double precision
        );

        CREATE TABLE {schema}.metrics (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            model_id integer NOT NULL REFERENCES {schema}.models (id),
            name text NOT NULL,
            value double precision,
            unit text,
            ts timestamptz NOT NULL,
            window_start timestamptz,
            metadata jsonb
        );
        CREATE INDEX metrics_model_ts ON {schema}.metrics (model_id, ts);
        CREATE INDEX metrics_model_name_ts ON {schema}.metrics (model_id, name, ts);

        CREATE TABLE {schema}.health_checks (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            model_id integer NOT NULL REFERENCES {schema}.models (id),
            ts timestamptz NOT NULL,
            status text NOT NULL CHECK (status IN ('Healthy', 'Degraded', 'Unhealthy')),
            score double precision,
            issues text[]
        );
        CREATE INDEX health_checks_model_ts ON {schema}.health_checks (model_id, ts);
        """);

    // drift_features rows belong to one check and are read in the order the detector reported them.
    // reference_profiles.profile holds ReferenceProfileCodec's versioned format.
    public static readonly Migration DriftTables = new(2, "drift checks and reference profiles", """
        CREATE TABLE {schema}.drift_checks (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            model_id integer NOT NULL REFERENCES {schema}.models (id),
            ts timestamptz NOT NULL,
            window_start timestamptz NOT NULL,
            window_end timestamptz NOT NULL,
            row_count integer NOT NULL,
            reference_row_count integer NOT NULL,
            detector text NOT NULL,
            dataset_drifted boolean NOT NULL,
            drifted_share double precision NOT NULL,
            score double precision NOT NULL,
            recommendation text NOT NULL CHECK (recommendation IN ('None', 'Notice', 'Warning', 'Critical'))
        );
        CREATE INDEX drift_checks_model_ts ON {schema}.drift_checks (model_id, ts);

        CREATE TABLE {schema}.drift_features (
            check_id bigint NOT NULL REFERENCES {schema}.drift_checks (id) ON DELETE CASCADE,
            position integer NOT NULL,
            feature text NOT NULL,
            kind text NOT NULL CHECK (kind IN ('Numeric', 'Categorical')),
            method text NOT NULL,
            statistic double precision NOT NULL,
            p_value double precision,
            threshold double precision NOT NULL,
            drifted boolean NOT NULL,
            score double precision NOT NULL,
            PRIMARY KEY (check_id, position)
        );

        CREATE TABLE {schema}.reference_profiles (
            model text PRIMARY KEY,
            row_count integer NOT NULL,
            profile bytea NOT NULL
        );
        """);

    /// <summary>Alerts are stored lifecycles (firing, acknowledged, resolved) updated in place, keyed by the alert id.</summary>
    public static readonly Migration AlertTables = new(3, "alert lifecycle and silences", """
        CREATE TABLE {schema}.alerts (
            id text PRIMARY KEY,
            model text NOT NULL,
            version text NOT NULL,
            environment text NOT NULL,
            name text NOT NULL,
            severity text NOT NULL CHECK (severity IN ('Info', 'Warning', 'Critical')),
            state text NOT NULL CHECK (state IN ('Firing', 'Resolved', 'Acknowledged')),
            message text NOT NULL,
            metric text,
            value double precision,
            threshold double precision,
            baseline double precision,
            updated_at timestamptz NOT NULL,
            started_at timestamptz NOT NULL,
            acknowledged_by text,
            acknowledged_at timestamptz,
            resolved_at timestamptz,
            resolved_by text,
            last_notified_at timestamptz,
            notification_count integer NOT NULL,
            suppressed_count integer NOT NULL,
            escalation_level integer NOT NULL,
            notified_channels text[] NOT NULL
        );
        CREATE INDEX alerts_model_started ON {schema}.alerts (model, started_at);
        CREATE INDEX alerts_started ON {schema}.alerts (started_at);
        CREATE INDEX alerts_active ON {schema}.alerts (started_at) WHERE state <> 'Resolved';

        CREATE TABLE {schema}.silences (
            id text PRIMARY KEY,
            model text,
            alert_name text,
            severity text CHECK (severity IN ('Info', 'Warning', 'Critical')),
            starts_at timestamptz NOT NULL,
            ends_at timestamptz NOT NULL,
            created_by text,
            comment text
        );
        """);

    /// <summary>Predictions with their model's name and label, the starting point of most dashboard queries.</summary>
    public static readonly Migration ReadableViews = new(4, "readable view of predictions with model names and labels", """
        CREATE VIEW {schema}.v_predictions AS
        SELECT p.ts AS time, m.name AS model, m.version AS version, m.environment AS environment,
               p.prediction_id, p.latency_ms, p.status, p.error_kind, p.predicted_class, p.predicted_value, p.confidence, p.segment,
               m.numeric_features AS numeric_feature_names, p.numeric_features, m.categorical_features AS categorical_feature_names, p.categorical_features,
               g.actual_class, g.actual_value, g.ts AS labelled_at,
               CASE WHEN p.predicted_class IS NULL OR g.actual_class IS NULL THEN NULL ELSE p.predicted_class = g.actual_class END AS correct
        FROM {schema}.predictions p
        JOIN {schema}.models m ON m.id = p.model_id
        LEFT JOIN {schema}.ground_truth g ON g.prediction_id = p.prediction_id;
        """);

    /// <summary>
    /// Application alerts keep their expiry, channels, count of raises and metadata; alert rules added at run
    /// time are kept in <c>alert_rules</c>, one row per rule name. Self-contained: it adds columns to
    /// <c>alerts</c> and creates only its own tables.
    /// </summary>
    /// <remarks>
    /// Metadata is one row per entry with its <c>position</c>, as <c>drift_features</c> keeps the order of a
    /// check's features: <c>jsonb</c> would reorder the keys, and a row per entry reads and filters by key in
    /// plain SQL. Alerts stored before this step read back with no metadata, no expiry, the severity's route
    /// and one occurrence, which is what they were.
    /// </remarks>
    public static readonly Migration ApplicationAlertsAndRules = new(5, "metadata, expiry, channels and occurrences of alerts; alert rules managed at run time", """
        ALTER TABLE {schema}.alerts
            ADD COLUMN expires_at timestamptz,
            ADD COLUMN channels text[] NOT NULL DEFAULT '{}',
            ADD COLUMN occurrences integer NOT NULL DEFAULT 1;

        CREATE TABLE {schema}.alert_metadata (
            alert_id text NOT NULL REFERENCES {schema}.alerts (id) ON DELETE CASCADE,
            position integer NOT NULL,
            key text NOT NULL,
            value text NOT NULL,
            PRIMARY KEY (alert_id, position)
        );

        CREATE TABLE {schema}.alert_rules (
            name text PRIMARY KEY,
            model text,
            environment text,
            metric text NOT NULL,
            aggregation text NOT NULL CHECK (aggregation IN ('Mean', 'Last', 'Min', 'Max', 'Sum', 'Count')),
            operator text,
            value double precision,
            subject text NOT NULL CHECK (subject IN ('Value', 'ChangeFromBaseline', 'AbsoluteChangeFromBaseline')),
            baseline double precision,
            baseline_windows integer NOT NULL,
            for_duration interval NOT NULL,
            severity text CHECK (severity IN ('Info', 'Warning', 'Critical')),
            enabled boolean NOT NULL,
            created_at timestamptz NOT NULL,
            created_by text NOT NULL,
            updated_at timestamptz NOT NULL,
            updated_by text NOT NULL
        );
        """);

    /// <summary>
    /// The fleet summary: one row per replica (<see cref="ModelMonitoring.Fleet.IReplicaStore"/>), upserted by its worker once per
    /// flush interval, with its own accounting (drops per reason as a <c>jsonb</c> object keyed by reason name) and whether it led.
    /// </summary>
    public static readonly Migration Replicas = new(6, "fleet summary: one row per replica", """
        CREATE TABLE {schema}.replicas (
            name text PRIMARY KEY,
            started_at timestamptz NOT NULL,
            last_seen timestamptz NOT NULL,
            received bigint NOT NULL,
            stored bigint NOT NULL,
            dropped bigint NOT NULL,
            dropped_by_reason jsonb NOT NULL,
            sink_failures bigint NOT NULL,
            is_leader boolean NOT NULL
        );
        """);

    /// <summary>
    /// Realized performance per prediction window (<see cref="ModelMonitoring.Storage.IRealizedPerformanceStore"/>): one row per
    /// model, window, segment (<c>''</c> for all predictions) and metric, all of a window replaced when it is recomputed; and an
    /// index on labels by model and time, so that the windows that received labels are found without a scan. Self-contained:
    /// it creates only its own table and indexes.
    /// </summary>
    public static readonly Migration RealizedPerformance = new(7, "realized performance per prediction window; labels by model and time", """
        CREATE INDEX ground_truth_model_ts ON {schema}.ground_truth (model_id, ts);

        CREATE TABLE {schema}.window_performance (
            model text NOT NULL,
            window_start timestamptz NOT NULL,
            window_end timestamptz NOT NULL,
            segment text NOT NULL,
            metric text NOT NULL,
            value double precision,
            label_count bigint NOT NULL,
            computed_at timestamptz NOT NULL,
            PRIMARY KEY (model, window_start, segment, metric)
        );
        CREATE INDEX window_performance_model_computed ON {schema}.window_performance (model, computed_at);
        """);

    /// <summary>Gets every step, oldest first.</summary>
    /// <summary>
    /// The row id, which only breaks ties of one timestamp in reads, is handed to each session 1,000 at a time instead of
    /// one by one: the <c>nextval</c> of every copied row cost about a third of a plain table's server time
    /// (docs/benchmarks.md). Rows one connection copies still get increasing ids; rows of different connections with one
    /// timestamp are ordered by their connections' blocks rather than by the moment they arrived.
    /// </summary>
    public static readonly Migration RowIdCache = new(13, "prediction row ids cached 1000 per session", """
        ALTER SEQUENCE {schema}.predictions_row_id_seq CACHE 1000;
        """);

    public static IReadOnlyList<Migration> All { get; } = [RecordingTables, DriftTables, AlertTables, ReadableViews, ApplicationAlertsAndRules, Replicas, RealizedPerformance, WindowPartialTables.Migration, FeatureQualityColumn.Migration, RollupTables.Migration, ConceptDriftTable.Migration, ExplanationTables.Migration, RowIdCache, ClassProbabilitiesColumn.Migration, ModelClassesColumn.Migration];

    /// <summary>Gets the version a fully migrated schema has.</summary>
    public static int LatestVersion => All[^1].Version;
}
