using Microsoft.Extensions.Logging;

namespace ModelMonitoring.Sqlite.Internal;

/// <summary>Every log message of the SQLite provider, with fixed event ids (1001 and up). Paths are logged; connection strings never are.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "Opened the SQLite monitoring store {Path} at schema version {Version}.")]
    public static partial void Opened(ILogger logger, string path, int version);

    [LoggerMessage(1002, LogLevel.Information, "Upgraded the SQLite monitoring store {Path} from schema version {From} to {To}.")]
    public static partial void Migrated(ILogger logger, string path, int from, int to);

    [LoggerMessage(1003, LogLevel.Warning, "Rolling back a failed batch in the SQLite monitoring store {Path} failed.")]
    public static partial void RollbackFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(1010, LogLevel.Warning, "The SQLite monitoring store {Path} was deleted or replaced while the store had it open; it is opened again (a deleted file is created anew with the schema). What the old file held is not in it.")]
    public static partial void FileReplaced(ILogger logger, string path);

    [LoggerMessage(2010, LogLevel.Debug, "Maintained the SQLite monitoring store {Path}: rolled up {Buckets} hours or days and deleted {Rows} rows older than their retention.")]
    public static partial void MaintenanceRan(ILogger logger, string path, int buckets, long rows);

    [LoggerMessage(2011, LogLevel.Warning, "Rolling up or enforcing the retention in the SQLite monitoring store {Path} failed; it is tried again in a minute.")]
    public static partial void MaintenanceFailed(ILogger logger, Exception exception, string path);
}
