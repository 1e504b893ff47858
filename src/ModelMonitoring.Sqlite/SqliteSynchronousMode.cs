namespace ModelMonitoring.Sqlite;

/// <summary>How durable a committed batch is: SQLite's <c>PRAGMA synchronous</c> in write-ahead-log mode.</summary>
public enum SqliteSynchronousMode
{
    /// <summary>
    /// Commits do not wait for the disk; the log is synced only at checkpoints. A committed batch
    /// survives a crash or kill of the application, but the last batches before a power loss or an
    /// operating-system crash may be lost. The database is never corrupted either way. This is the
    /// fastest mode and fits monitoring data, which tolerates losing the last seconds.
    /// </summary>
    Normal = 0,

    /// <summary>Every commit waits until the log is synced to the disk, so a committed batch survives a power loss too. Slower.</summary>
    Full = 1,
}
