using ModelMonitoring.Recording;
using Npgsql;

namespace ModelMonitoring.PostgreSql.Tests.Processes;

/// <summary>
/// Holds one prediction id in <c>prediction_ids</c> in an open transaction of the test's own, as another replica
/// writing the same id at the same moment would: a replica's COPY of a batch holding that id writes the batch's
/// rows, then waits on the primary key for this transaction, inside its open batch transaction, until
/// <see cref="DisposeAsync"/> rolls this transaction back.
/// </summary>
internal sealed class CopyBlocker : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlConnection _connection;
    private NpgsqlTransaction? _transaction;

    private CopyBlocker(NpgsqlDataSource dataSource, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _dataSource = dataSource;
        _connection = connection;
        _transaction = transaction;
    }

    public static async Task<CopyBlocker> HoldAsync(NpgsqlDataSource dataSource, FleetStore store, PredictionId id)
    {
        var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"INSERT INTO {store.Table("prediction_ids")} (prediction_id, ts) VALUES ($1, now());", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id.ToGuid() });
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        return new CopyBlocker(dataSource, connection, transaction);
    }

    /// <summary>
    /// Gets the session of <paramref name="applicationName"/> whose <c>COPY</c> into <c>prediction_ids</c> waits for
    /// this transaction, with the id of its own (open) transaction, or <see langword="null"/> when none waits.
    /// </summary>
    public async Task<BlockedCopy?> BlockedCopyAsync(string applicationName)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT pid, backend_xid::text FROM pg_stat_activity
            WHERE application_name = $1 AND $2 = ANY (pg_blocking_pids(pid)) AND query LIKE 'COPY %prediction_ids%' AND backend_xid IS NOT NULL;
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = applicationName });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _connection.ProcessID });
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        return await reader.ReadAsync().ConfigureAwait(false) ? new BlockedCopy(reader.GetInt32(0), reader.GetString(1)) : null;
    }

    /// <summary>Rolls the held id back (the waiting COPY goes on) and closes the connection; idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _transaction, null) is { } transaction)
        {
            await transaction.RollbackAsync().ConfigureAwait(false);
            await transaction.DisposeAsync().ConfigureAwait(false);
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
