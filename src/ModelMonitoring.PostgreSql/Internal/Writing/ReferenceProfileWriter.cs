using Npgsql;
using NpgsqlTypes;

namespace ModelMonitoring.PostgreSql.Internal.Writing;

/// <summary>Saves and deletes reference profiles; each is one statement, so atomic by itself.</summary>
internal static class ReferenceProfileWriter
{
    private const string UpsertSql = """
        INSERT INTO {schema}.reference_profiles (model, row_count, profile) VALUES ($1, $2, $3)
        ON CONFLICT (model) DO UPDATE SET row_count = excluded.row_count, profile = excluded.profile;
        """;

    private const string DeleteSql = "DELETE FROM {schema}.reference_profiles WHERE model = $1;";

    /// <summary>Saves a profile already serialised by <see cref="Drift.ReferenceProfile.ToBytes"/>.</summary>
    public static async Task SaveAsync(NpgsqlConnection connection, SqlText sql, string model, int rowCount, byte[] profile, int commandTimeout, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql[UpsertSql], connection) { CommandTimeout = commandTimeout };
        Parameters.AddTo(command.Parameters, Parameters.Text(model), Parameters.Integer(rowCount), Parameters.Of(profile, NpgsqlDbType.Bytea));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task DeleteAsync(NpgsqlConnection connection, SqlText sql, string model, int commandTimeout, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql[DeleteSql], connection) { CommandTimeout = commandTimeout };
        command.Parameters.Add(Parameters.Text(model));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
