using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ModelMonitoring.Sqlite.Internal.Schema;

/// <summary>Brings a database to the latest schema version, one step per transaction.</summary>
/// <remarks>
/// Each step takes the write lock first (<c>BEGIN IMMEDIATE</c>) and re-reads the version, so several
/// processes opening a new file at once apply every step exactly once.
/// </remarks>
internal static class SchemaMigrator
{
    /// <summary>Applies the missing steps of <paramref name="migrations"/>.</summary>
    /// <returns>The version found and the version reached.</returns>
    /// <exception cref="InvalidOperationException">The database has a newer schema than <paramref name="migrations"/> knows.</exception>
    public static (int From, int To) Migrate(SqliteConnection connection, IReadOnlyList<Migration> migrations, string path)
    {
        var latest = migrations.Count == 0 ? 0 : migrations[^1].Version;
        var found = ReadVersion(connection);
        ThrowIfNewer(found, latest, path);
        var current = found;
        foreach (var migration in migrations)
        {
            if (migration.Version <= current)
            {
                continue;
            }

            using var transaction = connection.BeginTransaction(deferred: false);
            current = ReadVersion(connection);
            ThrowIfNewer(current, latest, path);
            if (migration.Version <= current)
            {
                continue;
            }

            Execute(connection, migration.Sql);
            migration.Rewrite?.Invoke(connection);
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {migration.Version};"));
            transaction.Commit();
            current = migration.Version;
        }

        return (found, current);
    }

    public static int ReadVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void ThrowIfNewer(int version, int latest, string path)
    {
        if (version > latest)
        {
            throw new InvalidOperationException(
                $"The SQLite database '{path}' has schema version {version}, but this version of ModelMonitoring.Sqlite knows versions up to {latest}. "
                + "It was written by a newer ModelMonitoring.Sqlite: upgrade the package, or point SqliteStorageOptions.Path at another file.");
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
