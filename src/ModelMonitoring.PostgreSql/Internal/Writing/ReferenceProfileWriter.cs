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

    private const string InsertIfAbsentSql = """
        INSERT INTO {schema}.reference_profiles (model, row_count, profile) VALUES ($1, $2, $3)
        ON CONFLICT (model) DO NOTHING;
        """;

    private const string DeleteSql = "DELETE FROM {schema}.reference_profiles WHERE model = $1;";

    /// <summary>Saves a profile already serialised by <see cref="Drift.ReferenceProfile.ToBytes"/>.</summary>
    public static async Task SaveAsync(NpgsqlConnection connection, SqlText sql, string model, int rowCount, byte[] profile, int commandTimeout, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql[UpsertSql], connection) { CommandTimeout = commandTimeout };
        Parameters.AddTo(command.Parameters, Parameters.Text(model), Parameters.Integer(rowCount), Parameters.Of(profile, NpgsqlDbType.Bytea));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Saves a profile unless the model has one: of replicas racing to save, exactly one wins.</summary>
    public static async Task<bool> InsertIfAbsentAsync(NpgsqlConnection connection, SqlText sql, string model, int rowCount, byte[] profile, int commandTimeout, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql[InsertIfAbsentSql], connection) { CommandTimeout = commandTimeout };
        Parameters.AddTo(command.Parameters, Parameters.Text(model), Parameters.Integer(rowCount), Parameters.Of(profile, NpgsqlDbType.Bytea));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public static async Task DeleteAsync(NpgsqlConnection connection, SqlText sql, string model, int commandTimeout, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql[DeleteSql], connection) { CommandTimeout = commandTimeout };
        command.Parameters.Add(Parameters.Text(model));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
