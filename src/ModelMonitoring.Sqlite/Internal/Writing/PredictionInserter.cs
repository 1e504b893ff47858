using System.Buffers;
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
    private const int ColumnCount = 14;
    private const string Columns = "model_id, ts, prediction_id, latency_ticks, status, error_kind, predicted_class, "
        + "predicted_value, confidence, input_hash, segment, numeric_features, categorical_features, class_probabilities";

    private readonly sqlite3 _db;
    private readonly RawStatement _many;
    private readonly RawStatement _one;
    private readonly RawStatement _rowOf;
    private readonly FeatureStatistics _statistics;
    private readonly ArrayBufferWriter<byte> _categorical = new(256);
    private readonly ArrayBufferWriter<byte> _numeric = new(256);

    public PredictionInserter(sqlite3 db)
    {
        _db = db;
        _many = new RawStatement(db, InsertSql(RowsPerStatement));
        try
        {
            _one = new RawStatement(db, InsertSql(1));
            _rowOf = new RawStatement(db, "SELECT id FROM predictions WHERE prediction_id = ?;");
            _statistics = new FeatureStatistics(db);
        }
        catch
        {
            _many.Dispose();
            _one?.Dispose();
            _rowOf?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Inserts the predictions and adds the inserted ones to the per-minute feature statistics
    /// (<see cref="FeatureStatistics"/>); returns how many were inserted (the rest had an id already stored).
    /// </summary>
    public int Insert(long modelId, ModelSchema model, ReadOnlySpan<PredictionRecord> predictions, CancellationToken cancellationToken)
    {
        _statistics.Clear();
        var inserted = 0;
        var numericWidth = model.NumericFeatures.Count;
        var categoricalWidth = model.CategoricalFeatures.Count;
        var classCount = model.Classes.Count;
        var i = 0;
        for (; i + RowsPerStatement <= predictions.Length; i += RowsPerStatement)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var row = 0; row < RowsPerStatement; row++)
            {
                var position = i + row;
                Check(predictions[position], position, model, numericWidth, categoricalWidth, classCount);
                Bind(_many, row * ColumnCount, modelId, predictions[position]);
            }

            var rows = _many.Execute();
            AddStatistics(predictions.Slice(i, RowsPerStatement), rows);
            inserted += rows;
        }

        for (; i < predictions.Length; i++)
        {
            Check(predictions[i], i, model, numericWidth, categoricalWidth, classCount);
            Bind(_one, 0, modelId, predictions[i]);
            var rows = _one.Execute();
            AddStatistics(predictions.Slice(i, 1), rows);
            inserted += rows;
        }

        _statistics.Write(modelId, model);
        return inserted;
    }

    public void Dispose()
    {
        _many.Dispose();
        _one.Dispose();
        _rowOf.Dispose();
        _statistics.Dispose();
    }

    /// <summary>Adds the predictions of one statement that it inserted: all of them, unless some ids were already stored.</summary>
    private void AddStatistics(ReadOnlySpan<PredictionRecord> group, int inserted)
    {
        if (inserted == group.Length)
        {
            foreach (ref readonly var prediction in group)
            {
                Add(prediction);
            }

            return;
        }

        // One statement's new rows take the consecutive row ids that end at the last inserted one; a
        // prediction whose id was already stored has an older row.
        var last = raw.sqlite3_last_insert_rowid(_db);
        var first = last - inserted + 1;
        // The same id twice in one statement: the first is the one inserted, so each new row is counted once.
        var counted = new HashSet<long>();
        Span<byte> id = stackalloc byte[Recording.PredictionId.ByteCount];
        foreach (ref readonly var prediction in group)
        {
            prediction.Id.WriteBytes(id);
            _rowOf.BindBlob(1, id);
            var row = _rowOf.ExecuteInt64();
            if (inserted > 0 && row >= first && row <= last && counted.Add(row))
            {
                Add(prediction);
            }
        }
    }

    private void Add(in PredictionRecord prediction) =>
        _statistics.Add(UnixMicroseconds.FromTimestamp(prediction.Timestamp), prediction.NumericFeatures.Span, prediction.CategoricalFeatures.Span);

    private static string InsertSql(int rows)
    {
        var values = "(" + string.Join(", ", Enumerable.Repeat("?", ColumnCount)) + ")";
        return $"INSERT OR IGNORE INTO predictions ({Columns}) VALUES {string.Join(", ", Enumerable.Repeat(values, rows))};";
    }

    private static void Check(in PredictionRecord prediction, int position, ModelSchema model, int numericWidth, int categoricalWidth, int classCount)
    {
        if (prediction.NumericFeatures.Length != numericWidth || prediction.CategoricalFeatures.Length != categoricalWidth)
        {
            throw new ArgumentException(
                $"Prediction {position} of the batch has {prediction.NumericFeatures.Length} numeric and {prediction.CategoricalFeatures.Length} categorical "
                + $"feature values, but model {model} declares {numericWidth} and {categoricalWidth}; the batch was not stored.",
                "batch");
        }

        var probabilities = prediction.ClassProbabilities.Span;
        if (!probabilities.IsEmpty && probabilities.Length != classCount)
        {
            throw new ArgumentException(
                $"Prediction {position} of the batch has {probabilities.Length} class probabilities, but model {model} declares {classCount} classes; "
                + "the batch was not stored.",
                "batch");
        }

        // NaN is outside the range too. Recording refuses such a value already; a sink called directly gets it back as refused.
        if (probabilities.ContainsAnyExceptInRange(0.0, 1.0))
        {
            throw new RecordRejectedException(
                $"Prediction {position} of a batch of model '{model.Name}' has a class probability outside [0, 1]; nothing of the batch was stored.");
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
            statement.BindBlob(offset + 12, NumericCodec.Write(prediction.NumericFeatures.Span, _numeric));
        }

        if (prediction.CategoricalFeatures.IsEmpty)
        {
            statement.BindNull(offset + 13);
        }
        else
        {
            statement.BindBlob(offset + 13, StringListCodec.WriteStrings(prediction.CategoricalFeatures.Span, _categorical));
        }

        if (prediction.ClassProbabilities.IsEmpty)
        {
            statement.BindNull(offset + 14);
        }
        else
        {
            // SQLite copies a bound blob, so the numeric features' scratch (used only on big-endian machines) can serve again.
            statement.BindBlob(offset + 14, NumericCodec.Write(prediction.ClassProbabilities.Span, _numeric));
        }
    }
}
