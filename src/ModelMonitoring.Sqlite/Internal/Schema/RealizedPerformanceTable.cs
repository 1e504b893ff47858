namespace ModelMonitoring.Sqlite.Internal.Schema;

/// <summary>
/// Schema version 9: realized performance per prediction window (<see cref="ModelMonitoring.Storage.IRealizedPerformanceStore"/>),
/// one row per model, window, segment (<c>''</c> for all predictions) and metric, all of a window replaced when it is recomputed;
/// and an index on labels by model and time, so that the windows that received labels are found without a scan. Times are
/// microseconds since the Unix epoch; <c>v_window_performance</c> shows them readably. Self-contained: it creates only its own
/// table, indexes and view.
/// </summary>
internal static class RealizedPerformanceTable
{
    public static readonly Migration Migration = new(9, "realized performance per prediction window; labels by model and time", """
        CREATE INDEX ground_truth_model_ts ON ground_truth (model_id, ts);

        CREATE TABLE window_performance (
            model TEXT NOT NULL,
            window_start INTEGER NOT NULL,
            window_end INTEGER NOT NULL,
            segment TEXT NOT NULL,
            metric TEXT NOT NULL,
            value REAL,
            label_count INTEGER NOT NULL,
            computed_at INTEGER NOT NULL,
            PRIMARY KEY (model, window_start, segment, metric)
        ) STRICT, WITHOUT ROWID;

        CREATE INDEX window_performance_model_computed ON window_performance (model, computed_at);

        CREATE VIEW v_window_performance AS
        SELECT w.model AS model,
               strftime('%Y-%m-%dT%H:%M:%fZ', w.window_start / 1000000.0, 'unixepoch') AS window_start_time,
               strftime('%Y-%m-%dT%H:%M:%fZ', w.window_end / 1000000.0, 'unixepoch') AS window_end_time,
               w.segment AS segment, w.metric AS metric, w.value AS value, w.label_count AS label_count,
               strftime('%Y-%m-%dT%H:%M:%fZ', w.computed_at / 1000000.0, 'unixepoch') AS computed_time
        FROM window_performance w;
        """);
}
