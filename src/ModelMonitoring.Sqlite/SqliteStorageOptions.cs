namespace ModelMonitoring.Sqlite;

/// <summary>Settings of the SQLite storage provider. Validated at start-up; every error is reported at once.</summary>
/// <remarks>
/// The database is opened in write-ahead-log mode, so one process can write while others read, and
/// several processes can write to one file in turn (each waits up to <see cref="BusyTimeout"/> for the
/// others' transactions).
/// </remarks>
public sealed class SqliteStorageOptions
{
    /// <summary>
    /// Gets or sets the path of the database file. A relative path is resolved against the current
    /// directory when the store opens. The file is created (with its schema) when missing; its
    /// directory must exist. There is no default: it must be set.
    /// </summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets how long a write waits for another connection's (or process's) transaction to
    /// finish before it fails and the pipeline retries the batch. Between zero and 10 minutes, and
    /// shorter than <see cref="ModelMonitoringOptions.SinkTimeout"/> (checked at start-up), so that SQLite
    /// gives up before the pipeline abandons the write. The default value is 5 seconds.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets how hard each committed batch is pushed to the disk.
    /// The default value is <see cref="SqliteSynchronousMode.Normal"/>.
    /// </summary>
    public SqliteSynchronousMode SynchronousMode { get; set; } = SqliteSynchronousMode.Normal;

    /// <summary>
    /// Gets or sets how long raw data is kept: predictions, ground-truth labels, recorded metrics and health checks
    /// older than this are deleted by the worker, a few thousand rows at a time. Whole days from 1 to 36,500, or
    /// <see langword="null"/> to keep them for ever. The hourly and daily roll-ups (<see cref="Trends.ITrendReader"/>)
    /// outlive it. The default value is 30 days.
    /// </summary>
    public TimeSpan? RawPredictionRetention { get; set; } = SqliteRetentionConstants.DefaultRawRetention;

    /// <summary>
    /// Gets or sets how long window-level rows are kept: window metrics, realized performance per window, drift checks,
    /// and fleet window partials and merges. Whole days from 1 to 36,500, or <see langword="null"/> to keep them for ever.
    /// The default value is 90 days.
    /// </summary>
    public TimeSpan? WindowRetention { get; set; } = SqliteRetentionConstants.DefaultWindowRetention;

    /// <summary>
    /// Gets or sets how long hourly roll-ups are kept. Whole days from 1 to 36,500, or <see langword="null"/> to keep
    /// them for ever. The default value is 90 days.
    /// </summary>
    public TimeSpan? HourlyRollupRetention { get; set; } = SqliteRetentionConstants.DefaultHourlyRollupRetention;

    /// <summary>
    /// Gets or sets how long daily roll-ups are kept. Whole days from 1 to 36,500, or <see langword="null"/> to keep
    /// them for ever. The default value is 730 days (two years).
    /// </summary>
    public TimeSpan? DailyRollupRetention { get; set; } = SqliteRetentionConstants.DefaultDailyRollupRetention;
}
