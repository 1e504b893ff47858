using System.Buffers;
using ModelMonitoring.Sqlite.Internal.Codecs;
using SQLitePCL;

namespace ModelMonitoring.Sqlite.Internal.Writing;

/// <summary>
/// Maps a model (name, version, environment) to its row in <c>models</c>, creating the row or updating
/// its feature names and classes inside the batch's transaction. Ids are cached only once that transaction has
/// committed, so a rolled-back batch never leaves a cached id whose row does not exist.
/// </summary>
internal sealed class ModelRegistry : IDisposable
{
    private const string UpsertSql = """
        INSERT INTO models (name, version, environment, numeric_features, categorical_features, classes) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (name, version, environment) DO UPDATE SET
            numeric_features = excluded.numeric_features, categorical_features = excluded.categorical_features, classes = excluded.classes
        RETURNING id;
        """;

    private readonly RawStatement _upsert;
    private readonly Dictionary<(string Name, string Version, string Environment), (ModelSchema Model, long Id)> _committed = [];
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private (ModelSchema Model, long Id)? _pending;

    public ModelRegistry(sqlite3 db) => _upsert = new RawStatement(db, UpsertSql);

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
        if (model.Classes.Count == 0)
        {
            _upsert.BindNull(6);
        }
        else
        {
            _upsert.BindBlob(6, StringListCodec.WriteStrings(model.Classes, _buffer));
        }

        var id = _upsert.ExecuteInt64();
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

    public void Dispose() => _upsert.Dispose();

    private static (string, string, string) Key(ModelSchema model) => (model.Name, model.Version, model.Environment);

    private static bool SameFeatures(ModelSchema known, ModelSchema model) => ReferenceEquals(known, model)
        || (known.NumericFeatures.SequenceEqual(model.NumericFeatures, StringComparer.Ordinal)
            && known.CategoricalFeatures.SequenceEqual(model.CategoricalFeatures, StringComparer.Ordinal)
            && known.Classes.SequenceEqual(model.Classes, StringComparer.Ordinal));
}
