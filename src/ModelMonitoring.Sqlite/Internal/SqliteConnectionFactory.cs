using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ModelMonitoring.Sqlite.Internal;

/// <summary>
/// Opens the store's connections with its settings: one long-lived write connection (not pooled, so
/// disposing the store really closes the file) and short-lived pooled read connections.
/// </summary>
internal sealed class SqliteConnectionFactory
{
    private readonly string _writeConnectionString;
    private readonly string _readConnectionString;
    private readonly string _connectionPragmas;
    private readonly string _synchronous;

    public SqliteConnectionFactory(SqliteStorageOptions options)
    {
        Path = SqlitePaths.Resolve(options.Path);
        _writeConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();
        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = true,
        }.ToString();

        // busy_timeout makes SQLite itself wait (and retry) while another connection holds the lock.
        var busyMilliseconds = (long)Math.Ceiling(options.BusyTimeout.TotalMilliseconds);
        _connectionPragmas = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {busyMilliseconds};");
        _synchronous = options.SynchronousMode == SqliteSynchronousMode.Full ? "FULL" : "NORMAL";
    }

    /// <summary>Gets the full path of the database file.</summary>
    public string Path { get; }

    /// <summary>Opens the write connection: sets the busy timeout, switches the file to WAL and sets the durability.</summary>
    public SqliteConnection OpenWriteConnection()
    {
        var connection = new SqliteConnection(_writeConnectionString);
        try
        {
            connection.Open();
            Execute(connection, _connectionPragmas);
            var mode = Convert.ToString(Scalar(connection, "PRAGMA journal_mode = WAL;"), CultureInfo.InvariantCulture);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"The SQLite database '{Path}' could not be switched to write-ahead-log mode (it stays in '{mode}' mode); "
                    + "WAL needs a local file system that supports shared memory, so use a file on a local disk for SqliteStorageOptions.Path.");
            }

            Execute(connection, $"PRAGMA synchronous = {_synchronous};");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public async Task<SqliteConnection> OpenReadConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_readConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            Execute(connection, _connectionPragmas);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Closes the idle pooled read connections, so nothing keeps the file open after the store is disposed.</summary>
    public void ClearReadPool()
    {
        using var connection = new SqliteConnection(_readConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
