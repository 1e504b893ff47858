using ModelMonitoring.Sqlite.Internal.Codecs;
using ModelMonitoring.Storage;
using SQLitePCL;

namespace ModelMonitoring.Sqlite.Internal.Writing;

/// <summary>
/// Inserts predictions through two prepared statements: one with <see cref="RowsPerStatement"/> rows
/// of values, so that SQLite's per-statement cost is paid once for all of them rather than once per
/// row (see docs/benchmarks.md, "Multi-row inserts"), and one single-row statement for the remainder.
/// </summary>
/// <remarks>
/// <c>INSERT OR IGNORE</c>: a prediction whose id is already stored is skipped, so the first one
/// stored with an id wins and writing the same prediction twice is harmless. <see cref="Insert"/>
/// returns how many rows it inserted, so the skipped ones are reported as duplicates rather than stored.
/// </remarks>
internal sealed class PredictionInserter : IDisposable
{
    internal const int RowsPerStatement = 32;
    private const int ColumnCount = 13;
    private const string Columns = "model_id, ts, prediction_id, latency_ticks, status, error_kind, predicted_class, "
        + "predicted_value, confidence, input_hash, segment, numeric_features, categorical_features";

    private readonly RawStatement _many;
    private readonly RawStatement _one;
    private readonly FeatureJson _json = new();

    public PredictionInserter(sqlite3 db)
    {
        _many = new RawStatement(db, InsertSql(RowsPerStatement));
        try
        {
            _one = new RawStatement(db, InsertSql(1));
        }
        catch
        {
            _many.Dispose();
            throw;
        }
    }

    /// <summary>Inserts the predictions; returns how many were inserted (the rest had an id already stored).</summary>
    public int Insert(long modelId, ModelSchema model, ReadOnlySpan<PredictionRecord> predictions, CancellationToken cancellationToken)
    {
        var inserted = 0;
        var numericWidth = model.NumericFeatures.Count;
        var categoricalWidth = model.CategoricalFeatures.Count;
        var i = 0;
        for (; i + RowsPerStatement <= predictions.Length; i += RowsPerStatement)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var row = 0; row < RowsPerStatement; row++)
            {
                var position = i + row;
                Check(predictions[position], position, model, numericWidth, categoricalWidth);
                Bind(_many, row * ColumnCount, modelId, predictions[position]);
            }

            inserted += _many.Execute();
        }

        for (; i < predictions.Length; i++)
        {
            Check(predictions[i], i, model, numericWidth, categoricalWidth);
            Bind(_one, 0, modelId, predictions[i]);
            inserted += _one.Execute();
        }

        return inserted;
    }

    public void Dispose()
    {
        _many.Dispose();
        _one.Dispose();
        _json.Dispose();
    }

    private static string InsertSql(int rows)
    {
        var values = "(" + string.Join(", ", Enumerable.Repeat("?", ColumnCount)) + ")";
        return $"INSERT OR IGNORE INTO predictions ({Columns}) VALUES {string.Join(", ", Enumerable.Repeat(values, rows))};";
    }

    private static void Check(in PredictionRecord prediction, int position, ModelSchema model, int numericWidth, int categoricalWidth)
    {
        if (prediction.NumericFeatures.Length != numericWidth || prediction.CategoricalFeatures.Length != categoricalWidth)
        {
            throw new ArgumentException(
                $"Prediction {position} of the batch has {prediction.NumericFeatures.Length} numeric and {prediction.CategoricalFeatures.Length} categorical "
                + $"feature values, but model {model} declares {numericWidth} and {categoricalWidth}; the batch was not stored.",
                "batch");
        }
    }

    private void Bind(RawStatement statement, int offset, long modelId, in PredictionRecord prediction)
    {
        Span<byte> id = stackalloc byte[Recording.PredictionId.ByteCount];
        prediction.Id.WriteBytes(id);
        statement.BindInt64(offset + 1, modelId);
        statement.BindInt64(offset + 2, UnixMicroseconds.FromTimestamp(prediction.Timestamp));
        statement.BindBlob(offset + 3, id);
        statement.BindInt64(offset + 4, prediction.Latency.Ticks);
        statement.BindInt64(offset + 5, (long)prediction.Status);
        statement.BindText(offset + 6, prediction.ErrorKind);
        statement.BindText(offset + 7, prediction.PredictedClass);
        statement.BindDouble(offset + 8, prediction.PredictedValue);
        statement.BindDouble(offset + 9, prediction.Confidence);
        statement.BindInt64(offset + 10, prediction.InputHash is { } hash ? unchecked((long)hash) : (long?)null);
        statement.BindText(offset + 11, prediction.Segment);
        if (prediction.NumericFeatures.IsEmpty)
        {
            statement.BindNull(offset + 12);
        }
        else
        {
            statement.BindUtf8Text(offset + 12, _json.WriteNumbers(prediction.NumericFeatures.Span));
        }

        if (prediction.CategoricalFeatures.IsEmpty)
        {
            statement.BindNull(offset + 13);
        }
        else
        {
            statement.BindUtf8Text(offset + 13, _json.WriteStrings(prediction.CategoricalFeatures.Span));
        }
    }
}
