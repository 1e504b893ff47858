using System.Collections.Concurrent;
using Npgsql;

namespace ModelMonitoring.PostgreSql.Internal.Writing;

/// <summary>
/// Maps a model (name, version, environment) to its row in <c>models</c>, creating the row or updating
/// its feature names and classes inside the batch's transaction. Ids are cached only once that transaction has
/// committed, so a rolled-back batch never leaves a cached id whose row does not exist.
/// </summary>
internal sealed class ModelRegistry(SqlText sql)
{
    private const string UpsertSql = """
        INSERT INTO {schema}.models (name, version, environment, numeric_features, categorical_features, classes) VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (name, version, environment) DO UPDATE SET
            numeric_features = excluded.numeric_features, categorical_features = excluded.categorical_features, classes = excluded.classes
        RETURNING id;
        """;

    private readonly string _upsert = sql[UpsertSql];
    private readonly ConcurrentDictionary<(string Name, string Version, string Environment), (ModelSchema Model, int Id)> _committed = new();

    /// <summary>Returns the model's id; call inside the batch's transaction.</summary>
    public async Task<int> ResolveAsync(NpgsqlConnection connection, ModelSchema model, int commandTimeout, CancellationToken cancellationToken)
    {
        if (_committed.TryGetValue(Key(model), out var known) && SameFeatures(known.Model, model))
        {
            return known.Id;
        }

        using var command = new NpgsqlCommand(_upsert, connection) { CommandTimeout = commandTimeout };
        Parameters.AddTo(
            command.Parameters,
            Parameters.Text(model.Name),
            Parameters.Text(model.Version),
            Parameters.Text(model.Environment),
            Parameters.TextArray([.. model.NumericFeatures]),
            Parameters.TextArray([.. model.CategoricalFeatures]),
            Parameters.TextArray([.. model.Classes]));
        return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public void Committed(ModelSchema model, int id) => _committed[Key(model)] = (model, id);

    private static (string, string, string) Key(ModelSchema model) => (model.Name, model.Version, model.Environment);

    private static bool SameFeatures(ModelSchema known, ModelSchema model) => ReferenceEquals(known, model)
        || (known.NumericFeatures.SequenceEqual(model.NumericFeatures, StringComparer.Ordinal)
            && known.CategoricalFeatures.SequenceEqual(model.CategoricalFeatures, StringComparer.Ordinal)
            && known.Classes.SequenceEqual(model.Classes, StringComparer.Ordinal));
}
