namespace ModelMonitoring.Sqlite.Internal.Schema;

/// <summary>
/// Hourly and daily roll-ups per model name (<see cref="Trends.ITrendReader"/>): one row per bucket and metric
/// (<see cref="Trends.TrendMetricNames"/>), resolution 0 for hours and 1 for days, and how far each model's roll-up
/// has got. Self-contained.
/// </summary>
internal static class RollupTables
{
    public static readonly Migration Migration = new(12, "hourly and daily roll-ups", """
        CREATE TABLE rollups (
            model TEXT NOT NULL,
            resolution INTEGER NOT NULL,
            bucket_start INTEGER NOT NULL,
            metric TEXT NOT NULL,
            value REAL,
            weight INTEGER NOT NULL,
            PRIMARY KEY (model, resolution, bucket_start, metric)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE rollup_progress (
            model TEXT NOT NULL,
            resolution INTEGER NOT NULL,
            next_start INTEGER NOT NULL,
            PRIMARY KEY (model, resolution)
        ) STRICT, WITHOUT ROWID;
        """);
}
