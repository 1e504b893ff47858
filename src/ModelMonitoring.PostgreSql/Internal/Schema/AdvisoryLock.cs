using Npgsql;

namespace ModelMonitoring.PostgreSql.Internal.Schema;

/// <summary>
/// The transaction-level advisory lock that serialises schema changes (migrations, partition creation
/// and retention) among every process using one schema; released at commit or rollback, so a crashed
/// process never leaves it held.
/// </summary>
internal static class AdvisoryLock
{
    public static async Task TakeAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('ModelMonitoring.PostgreSql:' || $1));", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = schema });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
