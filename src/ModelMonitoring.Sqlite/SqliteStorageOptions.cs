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
}
