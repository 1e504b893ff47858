using Npgsql;

namespace ModelMonitoring.PostgreSql.Internal.Reading;

/// <summary>Reads the stored versions and environments of a model back as schemas, in the order they were first stored.</summary>
internal static class ModelQueries
{
    private const string Sql = """
        SELECT name, version, environment, numeric_features, categorical_features, classes
        FROM {schema}.models WHERE name = $1 ORDER BY id;
        """;

    public static async Task<IReadOnlyList<ModelSchema>> ReadAsync(NpgsqlConnection connection, SqlText sql, string model, CancellationToken cancellationToken)
    {
        var models = new List<ModelSchema>();
        using var command = new NpgsqlCommand(sql[Sql], connection);
        command.Parameters.Add(Parameters.Text(model));
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            models.Add(new ModelSchema(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<string[]>(3), reader.GetFieldValue<string[]>(4))
            {
                Classes = reader.GetFieldValue<string[]>(5),
            });
        }

        return models;
    }
}
