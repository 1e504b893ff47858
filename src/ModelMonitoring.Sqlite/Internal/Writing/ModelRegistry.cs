using System.Buffers;
using ModelMonitoring.Sqlite.Internal.Codecs;
using SQLitePCL;

namespace ModelMonitoring.Sqlite.Internal.Writing;

/// <summary>
/// Maps a model (name, version, environment) to its row in <c>models</c>, creating the row or updating
/// its feature names inside the batch's transaction. Ids are cached only once that transaction has
/// committed, so a rolled-back batch never leaves a cached id whose row does not exist. The feature
/// names are also written one per row to <c>model_features</c>, which the SQL views join to the
/// predictions' feature arrays by position.
/// </summary>
internal sealed class ModelRegistry : IDisposable
{
    private const string UpsertSql = """
        INSERT INTO models (name, version, environment, numeric_features, categorical_features) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (name, version, environment) DO UPDATE SET
            numeric_features = excluded.numeric_features, categorical_features = excluded.categorical_features
        RETURNING id;
        """;

    private const string DeleteFeaturesSql = "DELETE FROM model_features WHERE model_id = ?;";
    private const string InsertFeatureSql = "INSERT INTO model_features (model_id, kind, position, name) VALUES (?, ?, ?, ?);";

    private readonly RawStatement _upsert;
    private readonly RawStatement _deleteFeatures;
    private readonly RawStatement _insertFeature;
    private readonly Dictionary<(string Name, string Version, string Environment), (ModelSchema Model, long Id)> _committed = [];
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private (ModelSchema Model, long Id)? _pending;

    public ModelRegistry(sqlite3 db)
    {
        _upsert = new RawStatement(db, UpsertSql);
        try
        {
            _deleteFeatures = new RawStatement(db, DeleteFeaturesSql);
            _insertFeature = new RawStatement(db, InsertFeatureSql);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Returns the model's id; call inside the batch's transaction.</summary>
    public long Resolve(ModelSchema model)
    {
        if (_committed.TryGetValue(Key(model), out var known) && SameFeatures(known.Model, model))
        {
            return known.Id;
        }

        _upsert.BindText(1, model.Name);
        _upsert.BindText(2, model.Version);
        _upsert.BindText(3, model.Environment);
        _upsert.BindBlob(4, StringListCodec.WriteStrings(model.NumericFeatures, _buffer));
        _upsert.BindBlob(5, StringListCodec.WriteStrings(model.CategoricalFeatures, _buffer));
        var id = _upsert.ExecuteInt64();
        WriteFeatureNames(id, model);
        _pending = (model, id);
        return id;
    }

    public void Committed()
    {
        if (_pending is { } pending)
        {
            _committed[Key(pending.Model)] = pending;
            _pending = null;
        }
    }

    public void RolledBack() => _pending = null;

    public void Dispose()
    {
        _upsert.Dispose();
        _deleteFeatures?.Dispose();
        _insertFeature?.Dispose();
    }

    /// <summary>Writes the names of one model's features, kind <c>numeric</c> or <c>categorical</c>, at their positions in the feature arrays.</summary>
    internal static void WriteFeatureNames(long modelId, IReadOnlyList<string> names, string kind, RawStatement insert)
    {
        for (var position = 0; position < names.Count; position++)
        {
            insert.BindInt64(1, modelId);
            insert.BindText(2, kind);
            insert.BindInt64(3, position);
            insert.BindText(4, names[position]);
            insert.Execute();
        }
    }

    private void WriteFeatureNames(long modelId, ModelSchema model)
    {
        _deleteFeatures.BindInt64(1, modelId);
        _deleteFeatures.Execute();
        WriteFeatureNames(modelId, model.NumericFeatures, "numeric", _insertFeature);
        WriteFeatureNames(modelId, model.CategoricalFeatures, "categorical", _insertFeature);
    }

    private static (string, string, string) Key(ModelSchema model) => (model.Name, model.Version, model.Environment);

    private static bool SameFeatures(ModelSchema known, ModelSchema model) => ReferenceEquals(known, model)
        || (known.NumericFeatures.SequenceEqual(model.NumericFeatures, StringComparer.Ordinal)
            && known.CategoricalFeatures.SequenceEqual(model.CategoricalFeatures, StringComparer.Ordinal));
}
