using Npgsql;

namespace ModelMonitoring.PostgreSql.Internal.Schema;

/// <summary>
/// Brings a schema to the latest version in one transaction, under a transaction-level advisory lock
/// keyed by the schema's name, so that replicas starting at once take turns: the first applies every
/// missing step and records each in <c>schema_version</c>, the others find nothing left to do.
/// </summary>
/// <remarks>PostgreSQL's DDL is transactional: a step that fails leaves the schema as it was.</remarks>
internal static class SchemaMigrator
{
    private const string VersionTableSql = """
        CREATE TABLE IF NOT EXISTS {schema}.schema_version (
            version integer PRIMARY KEY,
            description text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        );
        """;

    /// <summary>Applies the missing steps of <paramref name="migrations"/>.</summary>
    /// <returns>The version found and the version reached.</returns>
    /// <exception cref="InvalidOperationException">The schema has a newer version than <paramref name="migrations"/> knows.</exception>
    public static async Task<(int From, int To)> MigrateAsync(NpgsqlConnection connection, SqlText sql, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        var latest = migrations.Count == 0 ? 0 : migrations[^1].Version;
        using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await AdvisoryLock.TakeAsync(connection, sql.Schema, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"CREATE SCHEMA IF NOT EXISTS {sql.QuotedSchema};", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, sql[VersionTableSql], cancellationToken).ConfigureAwait(false);
        var found = await ReadVersionAsync(connection, sql, cancellationToken).ConfigureAwait(false);
        if (found > latest)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL schema '{sql.Schema}' has schema version {found}, but this version of ModelMonitoring.PostgreSql knows versions up to {latest}. "
                + "It was written by a newer ModelMonitoring.PostgreSql: upgrade the package, or set PostgreSqlStorageOptions.Schema to another schema.");
        }

        foreach (var migration in migrations)
        {
            if (migration.Version <= found)
            {
                continue;
            }

            await ExecuteAsync(connection, sql[migration.Sql], cancellationToken).ConfigureAwait(false);
            using var record = new NpgsqlCommand(sql["INSERT INTO {schema}.schema_version (version, description) VALUES ($1, $2);"], connection);
            record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = migration.Version });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Description });
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (found, Math.Max(found, latest));
    }

    public static async Task<int> ReadVersionAsync(NpgsqlConnection connection, SqlText sql, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql["SELECT coalesce(max(version), 0) FROM {schema}.schema_version;"], connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string text, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(text, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
