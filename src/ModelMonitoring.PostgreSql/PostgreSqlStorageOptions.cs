using Npgsql;

namespace ModelMonitoring.PostgreSql;

/// <summary>Settings of the PostgreSQL storage provider. Validated at start-up; every error is reported at once.</summary>
/// <remarks>
/// Several processes (replicas of one service) can share one database and schema: each batch is written
/// in its own transaction, and the schema is created or upgraded exactly once, under an advisory lock,
/// whichever replica starts first.
/// </remarks>
public sealed class PostgreSqlStorageOptions
{
    /// <summary>
    /// Gets or sets the Npgsql connection string of the database, such as
    /// <c>Host=db;Database=monitoring;Username=monitor;Password=...</c>. Set this or <see cref="DataSource"/>,
    /// not both. There is no default. The connection string is never logged.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Gets or sets a data source the application already configured (pooling, authentication, logging).
    /// Set this or <see cref="ConnectionString"/>, not both. The store does not dispose it.
    /// The default value is <see langword="null"/>.
    /// </summary>
    public NpgsqlDataSource? DataSource { get; set; }

    /// <summary>
    /// Gets or sets the PostgreSQL schema that holds the store's tables; it is created when missing.
    /// Lower-case letters, digits and underscores, starting with a letter or underscore, at most 63
    /// characters. The default value is <c>model_monitoring</c>.
    /// </summary>
    public string Schema { get; set; } = "model_monitoring";

    /// <summary>
    /// Gets or sets how long one statement of a write may run before the server cancels it and the
    /// pipeline retries the batch. Between 1 second and 10 minutes, and shorter than
    /// <see cref="ModelMonitoringOptions.SinkTimeout"/> (checked at start-up), so that the server gives up
    /// before the pipeline abandons the write. The default value is 5 seconds.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets how long raw predictions are kept: whole days, from 1 to 36,500, or
    /// <see langword="null"/> to keep them for ever. Predictions are stored in one partition per UTC day,
    /// and a day's partition is dropped once the whole day is older than this, which costs nothing
    /// compared with deleting rows. Ground-truth labels, recorded metrics and health checks older than this are
    /// deleted too, a few thousand rows at a time. The hourly and daily roll-ups outlive it. The default value is 30 days.
    /// </summary>
    public TimeSpan? RawPredictionRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Gets or sets how long window-level rows are kept: window metrics, realized performance per window, drift checks,
    /// and fleet window partials and merges. Whole days from 1 to 36,500, or <see langword="null"/> to keep them for ever.
    /// The default value is 90 days.
    /// </summary>
    public TimeSpan? WindowRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// Gets or sets how long hourly roll-ups (<see cref="Trends.ITrendReader"/>) are kept. Whole days from 1 to 36,500, or
    /// <see langword="null"/> to keep them for ever. The default value is 90 days.
    /// </summary>
    public TimeSpan? HourlyRollupRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// Gets or sets how long daily roll-ups (<see cref="Trends.ITrendReader"/>) are kept. Whole days from 1 to 36,500, or
    /// <see langword="null"/> to keep them for ever. The default value is 730 days (two years).
    /// </summary>
    public TimeSpan? DailyRollupRetention { get; set; } = TimeSpan.FromDays(730);
}
