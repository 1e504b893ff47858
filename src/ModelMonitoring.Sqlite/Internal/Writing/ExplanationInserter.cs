using System.Buffers;
using ModelMonitoring.Sqlite.Internal.Codecs;
using ModelMonitoring.Storage;
using SQLitePCL;

namespace ModelMonitoring.Sqlite.Internal.Writing;

/// <summary>Upserts a batch's explanations through one prepared statement: per prediction and kind, a later explanation replaces an earlier one.</summary>
internal sealed class ExplanationInserter : IDisposable
{
    private const string Sql = """
        INSERT INTO explanations (prediction_id, kind, model_id, ts, base_value, intercept, score, feature_values) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (prediction_id, kind) DO UPDATE SET
            model_id = excluded.model_id, ts = excluded.ts, base_value = excluded.base_value, intercept = excluded.intercept,
            score = excluded.score, feature_values = excluded.feature_values
        WHERE excluded.ts >= explanations.ts;
        """;

    private readonly RawStatement _insert;
    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    public ExplanationInserter(sqlite3 db) => _insert = new RawStatement(db, Sql);

    public void Insert(long modelId, ModelSchema model, ReadOnlySpan<ExplanationRecord> explanations)
    {
        var width = model.NumericFeatures.Count + model.CategoricalFeatures.Count;
        Span<byte> id = stackalloc byte[Recording.PredictionId.ByteCount];
        foreach (ref readonly var explanation in explanations)
        {
            if (explanation.Values.Length != width || explanation.PredictionId.IsEmpty)
            {
                throw new ArgumentException($"An explanation must have a prediction id and {width} values, one per feature of model '{model.Name}'.", nameof(explanations));
            }

            explanation.PredictionId.WriteBytes(id);
            _insert.BindBlob(1, id);
            _insert.BindInt64(2, (long)explanation.Kind);
            _insert.BindInt64(3, modelId);
            _insert.BindInt64(4, UnixMicroseconds.FromTimestamp(explanation.Timestamp));
            _insert.BindDouble(5, explanation.BaseValue);
            _insert.BindDouble(6, explanation.Intercept);
            _insert.BindDouble(7, explanation.Score);
            _insert.BindBlob(8, NumericCodec.Write(explanation.Values.Span, _buffer));
            _insert.Execute();
        }
    }

    public void Dispose() => _insert.Dispose();
}
