using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelMonitoring.Fleet;
using Npgsql;

namespace ModelMonitoring.PostgreSql.Internal.Fleet;

/// <summary>
/// Leadership of the replicas sharing one schema: a session-level advisory lock keyed by the schema's name
/// (<c>pg_try_advisory_lock</c>), held on a connection of its own that stays open while this replica leads.
/// </summary>
/// <remarks>
/// The server frees a session lock when its session ends, so a replica that crashes, is killed or loses its
/// connection loses the lead without any clean-up, and another replica takes it at its next cycle. A leader
/// confirms at every cycle that its session still lives (a command on the lease connection): a lease whose
/// connection failed is never reported held. Leadership is re-checked once per cycle, so a session that dies
/// mid-cycle can overlap with a new leader for the rest of that cycle. Worker thread only.
/// </remarks>
internal sealed class PostgreSqlLeaderLease(PostgreSqlMonitoringStore store, ILoggerFactory? loggerFactory = null) : IMonitoringLease, IAsyncDisposable, IDisposable
{
    private const string TryLockSql = "SELECT pg_try_advisory_lock(hashtext('ModelMonitoring.PostgreSql:leader:' || $1));";
    private const string UnlockSql = "SELECT pg_advisory_unlock(hashtext('ModelMonitoring.PostgreSql:leader:' || $1));";
    private readonly ILogger _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("ModelMonitoring.PostgreSql");
    private NpgsqlConnection? _connection;
    private bool _held;

    /// <summary>Gets the server process id of the lease connection, while there is one (for tests: terminating it is what a killed replica looks like).</summary>
    internal int? BackendProcessId => _connection?.ProcessID;

    public async Task<bool> TryAcquireAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            _connection ??= await store.OpenMigratedConnectionAsync(cancellationToken).ConfigureAwait(false);
            if (_held)
            {
                using var ping = new NpgsqlCommand("SELECT 1;", _connection) { CommandTimeout = store.CommandTimeout };
                await ping.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }

            using var command = Command(_connection, TryLockSql);
            _held = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
            if (_held)
            {
                Log.LeaseTaken(_logger, store.Sql.Schema, _connection.ProcessID);
            }

            return _held;
        }
        catch (Exception ex) when ((ex is NpgsqlException or InvalidOperationException) && !cancellationToken.IsCancellationRequested)
        {
            // The session, and with it any lock it held, is gone or unusable: start over with a new one next cycle.
            if (_held)
            {
                Log.LeaseLost(_logger, store.Sql.Schema);
            }

            await CloseAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task ReleaseAsync(CancellationToken cancellationToken = default) => CloseAsync();

    public ValueTask DisposeAsync() => new(CloseAsync());

    public void Dispose()
    {
        var (connection, held) = (_connection, _held);
        (_connection, _held) = (null, false);
        if (connection is null)
        {
            return;
        }

        if (held)
        {
            try
            {
                using var command = Command(connection, UnlockSql);
                command.ExecuteScalar();
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                // A broken connection is not pooled again: its session, and the lock, end with it.
            }
        }

        connection.Dispose();
    }

    private NpgsqlCommand Command(NpgsqlConnection connection, string sql)
    {
        var command = new NpgsqlCommand(sql, connection) { CommandTimeout = store.CommandTimeout };
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = store.Sql.Schema });
        return command;
    }

    /// <summary>
    /// Unlocks before the connection goes back to the pool: a pooled session lives on, and a lock left on it would
    /// be held by nobody until the session is reused. An unlock that fails means the connection is broken, and a
    /// broken connection is not pooled again, so its session, and the lock, end with it.
    /// </summary>
    private async Task CloseAsync()
    {
        var (connection, held) = (_connection, _held);
        (_connection, _held) = (null, false);
        if (connection is null)
        {
            return;
        }

        if (held)
        {
            try
            {
                using var command = Command(connection, UnlockSql);
                await command.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                // See above: the session ends with the broken connection.
            }
        }

        await connection.DisposeAsync().ConfigureAwait(false);
    }
}
