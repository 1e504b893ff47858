namespace ModelMonitoring.PostgreSql.Internal.Schema;

/// <summary>
/// Hourly and daily roll-ups per model name (<see cref="Trends.ITrendReader"/>): one row per bucket and metric
/// (<see cref="Trends.TrendMetricNames"/>), resolution 0 for hours and 1 for days, and how far each model's roll-up has
/// got. Self-contained: it creates only its own tables.
/// </summary>
internal static class RollupTables
{
    public static readonly Migration Migration = new(10, "hourly and daily roll-ups", """
        CREATE TABLE {schema}.rollups (
            model text NOT NULL,
            resolution smallint NOT NULL,
            bucket_start timestamptz NOT NULL,
            metric text NOT NULL,
            value double precision,
            weight bigint NOT NULL,
            PRIMARY KEY (model, resolution, bucket_start, metric)
        );

        CREATE TABLE {schema}.rollup_progress (
            model text NOT NULL,
            resolution smallint NOT NULL,
            next_start timestamptz NOT NULL,
            PRIMARY KEY (model, resolution)
        );
        """);
}
