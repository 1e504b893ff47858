namespace ModelMonitoring.PostgreSql.Internal.Schema;

/// <summary>
/// Fleet windows (<see cref="ModelMonitoring.Fleet.IWindowPartialStore"/>): one row per model, window and replica with the
/// replica's mergeable totals (histogram buckets, class counts and custom metric summaries as <c>jsonb</c>), and one row per
/// merged window, whose primary key lets exactly one leader merge it.
/// </summary>
internal static class WindowPartialTables
{
    public static readonly Migration Migration = new(8, "fleet windows: window partials per replica and merged windows", """
        CREATE TABLE {schema}.window_partials (
            model text NOT NULL,
            window_start timestamptz NOT NULL,
            replica text NOT NULL,
            window_end timestamptz NOT NULL,
            prediction_count bigint NOT NULL,
            error_count bigint NOT NULL,
            latency_sum_ms double precision NOT NULL,
            latency_min_ms double precision,
            latency_max_ms double precision,
            latency_buckets jsonb NOT NULL,
            confidence_sum double precision NOT NULL,
            confidence_count bigint NOT NULL,
            class_counts jsonb NOT NULL,
            label_count bigint NOT NULL,
            correct_count bigint NOT NULL,
            class_label_count bigint NOT NULL,
            abs_error_sum double precision NOT NULL,
            value_label_count bigint NOT NULL,
            custom_metrics jsonb NOT NULL,
            PRIMARY KEY (model, window_start, replica)
        );

        CREATE INDEX window_partials_model_end ON {schema}.window_partials (model, window_end);

        CREATE TABLE {schema}.window_merges (
            model text NOT NULL,
            window_start timestamptz NOT NULL,
            merged_by text NOT NULL,
            PRIMARY KEY (model, window_start)
        );
        """);
}
