namespace ModelMonitoring.Sqlite.Internal.Schema;

/// <summary>
/// Schema version 10: fleet windows (<see cref="ModelMonitoring.Fleet.IWindowPartialStore"/>), one row per model, window and
/// replica with the replica's mergeable totals (histogram buckets, class counts and custom metric summaries as JSON), and one
/// row per merged window, whose primary key lets exactly one leader merge it. Times are microseconds since the Unix epoch.
/// </summary>
internal static class WindowPartialTables
{
    public static readonly Migration Migration = new(10, "fleet windows: window partials per replica and merged windows", """
        CREATE TABLE window_partials (
            model TEXT NOT NULL,
            window_start INTEGER NOT NULL,
            replica TEXT NOT NULL,
            window_end INTEGER NOT NULL,
            prediction_count INTEGER NOT NULL,
            error_count INTEGER NOT NULL,
            latency_sum_ms REAL NOT NULL,
            latency_min_ms REAL,
            latency_max_ms REAL,
            latency_buckets TEXT NOT NULL,
            confidence_sum REAL NOT NULL,
            confidence_count INTEGER NOT NULL,
            class_counts TEXT NOT NULL,
            label_count INTEGER NOT NULL,
            correct_count INTEGER NOT NULL,
            class_label_count INTEGER NOT NULL,
            abs_error_sum REAL NOT NULL,
            value_label_count INTEGER NOT NULL,
            custom_metrics TEXT NOT NULL,
            PRIMARY KEY (model, window_start, replica)
        ) STRICT;

        CREATE INDEX window_partials_model_end ON window_partials (model, window_end);

        CREATE TABLE window_merges (
            model TEXT NOT NULL,
            window_start INTEGER NOT NULL,
            merged_by TEXT NOT NULL,
            PRIMARY KEY (model, window_start)
        ) STRICT;
        """);
}
