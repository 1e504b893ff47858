using Microsoft.Data.Sqlite;
using ModelMonitoring.Sqlite.Internal.Codecs;

namespace ModelMonitoring.Sqlite.Internal.Reading;

/// <summary>Reads the stored versions and environments of a model back as schemas, in the order they were first stored.</summary>
internal static class ModelQueries
{
    private const string Sql = """
        SELECT name, version, environment, numeric_features, categorical_features, classes
        FROM models WHERE name = $model ORDER BY id;
        """;

    public static async Task<IReadOnlyList<ModelSchema>> ReadAsync(SqliteConnection connection, string model, CancellationToken cancellationToken)
    {
        var models = new List<ModelSchema>();
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.Parameters.AddWithValue("$model", model);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            models.Add(new ModelSchema(reader.GetString(0), reader.GetString(1), reader.GetString(2), Names(reader.GetFieldValue<byte[]>(3)), Names(reader.GetFieldValue<byte[]>(4)))
            {
                // NULL for a model that declares no classes, and for one stored before schema version 16.
                Classes = reader.IsDBNull(5) ? [] : Names(reader.GetFieldValue<byte[]>(5)),
            });
        }

        return models;
    }

    private static string[] Names(byte[] blob) =>
        Array.ConvertAll(StringListCodec.ReadStrings(blob), name => name ?? throw new InvalidDataException("A stored name is missing."));
}
