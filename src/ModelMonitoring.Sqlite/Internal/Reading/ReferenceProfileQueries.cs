using Microsoft.Data.Sqlite;
using ModelMonitoring.Drift;

namespace ModelMonitoring.Sqlite.Internal.Reading;

/// <summary>Reads a model's saved reference profile.</summary>
internal static class ReferenceProfileQueries
{
    private const string Sql = "SELECT profile FROM reference_profiles WHERE model = $model;";

    public static async Task<ReferenceProfile?> ReadAsync(SqliteConnection connection, string model, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.Parameters.AddWithValue("$model", model);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? ReferenceProfile.FromBytes(reader.GetFieldValue<byte[]>(0))
            : null;
    }
}
