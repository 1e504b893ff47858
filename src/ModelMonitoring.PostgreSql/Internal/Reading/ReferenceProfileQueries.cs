using ModelMonitoring.Drift;
using Npgsql;

namespace ModelMonitoring.PostgreSql.Internal.Reading;

/// <summary>Reads a model's saved reference profile.</summary>
internal static class ReferenceProfileQueries
{
    private const string Sql = "SELECT profile FROM {schema}.reference_profiles WHERE model = $1;";

    public static async Task<ReferenceProfile?> ReadAsync(NpgsqlConnection connection, SqlText sql, string model, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql[Sql], connection);
        command.Parameters.Add(Parameters.Text(model));
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? ReferenceProfile.FromBytes(reader.GetFieldValue<byte[]>(0))
            : null;
    }
}
