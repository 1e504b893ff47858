using Microsoft.Extensions.Logging;

namespace ModelMonitoring.PostgreSql.Internal;

/// <summary>Every log message of the PostgreSQL provider, with fixed event ids (1020 to 1049). Schemas and partitions are logged; connection strings never are.</summary>
internal static partial class Log
{
    [LoggerMessage(1020, LogLevel.Information, "Opened the PostgreSQL monitoring store in schema {Schema} of database {Database} at schema version {Version}.")]
    public static partial void Opened(ILogger logger, string schema, string database, int version);

    [LoggerMessage(1021, LogLevel.Information, "Upgraded the PostgreSQL monitoring store in schema {Schema} from schema version {From} to {To}.")]
    public static partial void Migrated(ILogger logger, string schema, int from, int to);

    [LoggerMessage(1022, LogLevel.Information, "Created the daily prediction partition {Partition} in schema {Schema} ({Moved} rows moved in from the default partition).")]
    public static partial void PartitionCreated(ILogger logger, string partition, string schema, long moved);

    [LoggerMessage(1023, LogLevel.Information, "Dropped the prediction partition {Partition} in schema {Schema}: its day is older than the retention of {RetentionDays} days.")]
    public static partial void PartitionDropped(ILogger logger, string partition, string schema, int retentionDays);

    [LoggerMessage(1024, LogLevel.Information, "Deleted {Rows} predictions older than the retention of {RetentionDays} days from the default partition in schema {Schema}.")]
    public static partial void DefaultPartitionPruned(ILogger logger, long rows, int retentionDays, string schema);

    [LoggerMessage(1025, LogLevel.Warning, "Partition maintenance of the PostgreSQL monitoring store in schema {Schema} failed; it is tried again a minute later, and predictions without a partition go to the default partition meanwhile.")]
    public static partial void MaintenanceFailed(ILogger logger, Exception exception, string schema);

    [LoggerMessage(1070, LogLevel.Information, "Took the fleet lease of schema {Schema} on server process {BackendProcessId}; this replica leads until that session ends.")]
    public static partial void LeaseTaken(ILogger logger, string schema, int backendProcessId);

    [LoggerMessage(1071, LogLevel.Warning, "Lost the session that held the fleet lease of schema {Schema}; the server released the lease, and another replica takes it at its next cycle.")]
    public static partial void LeaseLost(ILogger logger, string schema);

    [LoggerMessage(1090, LogLevel.Debug, "Maintained the PostgreSQL monitoring store in schema {Schema}: rolled up {Buckets} hours or days and deleted {Rows} rows older than their retention.")]
    public static partial void MaintenanceRan(ILogger logger, string schema, int buckets, long rows);
}
