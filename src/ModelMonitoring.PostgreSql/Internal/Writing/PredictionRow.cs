using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

namespace ModelMonitoring.PostgreSql.Internal.Writing;

/// <summary>
/// Writes a prediction's row to a binary <c>COPY</c>: one integer column of the caller's (the model id, a position),
/// then the prediction's columns in the order of <see cref="Columns"/>; the caller reserves <see cref="RowSize"/> first.
/// </summary>
internal static class PredictionRow
{
    /// <summary>The prediction columns <see cref="WriteRow"/> writes after the leading integer, in order.</summary>
    public const string Columns = "prediction_id, ts, latency_ms, status, error_kind, predicted_class, predicted_value, confidence, "
        + "input_hash, segment, numeric_features, categorical_features, class_probabilities";

    /// <summary>The number of prediction columns <see cref="WriteRow"/> writes after the leading integer.</summary>
    private const short ColumnCount = 13;

    // Every column but the three texts and the three arrays: uuid, timestamptz, three double precision, bigint, status.
    private const int FixedColumnsSize = (4 + PredictionId.ByteCount) + (4 + 8) + (3 * (4 + 8)) + (4 + 8) + (4 + 7);

    /// <summary>Gets the largest number of bytes <see cref="WriteRow"/> writes for the prediction: the field count, the leading integer, the columns.</summary>
    public static int RowSize(in PredictionRecord prediction) =>
        2 + (4 + 4) + FixedColumnsSize
        + BinaryCopyWriter.TextSize(prediction.ErrorKind)
        + BinaryCopyWriter.TextSize(prediction.PredictedClass)
        + BinaryCopyWriter.TextSize(prediction.Segment)
        + BinaryCopyWriter.DoubleArraySize(prediction.NumericFeatures.Length)
        + BinaryCopyWriter.TextArraySize(prediction.CategoricalFeatures.Span)
        + BinaryCopyWriter.DoubleArraySize(prediction.ClassProbabilities.Length);

    /// <summary>
    /// Writes the row: <paramref name="first"/>, then the prediction's columns. A missing numeric value (NaN) is written as a NULL element, so that SQL reads it as missing
    /// (<c>avg</c> and the other aggregates leave it out) rather than as the value NaN; no features at all is a NULL array, and
    /// so are no class probabilities (which <see cref="BatchValidator"/> has checked are within [0, 1], so never NaN).
    /// </summary>
    public static void WriteRow(BinaryCopyWriter writer, int first, in PredictionRecord prediction)
    {
        writer.StartRow(1 + ColumnCount);
        writer.WriteInt32(first);
        writer.WriteUuid(prediction.Id);
        writer.WriteTimestamp(Timestamps.ToStored(prediction.Timestamp));
        writer.WriteDouble(prediction.Latency.Ticks / (double)TimeSpan.TicksPerMillisecond);
        writer.WriteText(prediction.Status == PredictionStatus.Error ? "Error"u8 : "Success"u8);
        WriteText(writer, prediction.ErrorKind);
        WriteText(writer, prediction.PredictedClass);
        WriteDouble(writer, prediction.PredictedValue);
        WriteDouble(writer, prediction.Confidence);
        if (prediction.InputHash is { } hash)
        {
            writer.WriteInt64(unchecked((long)hash));
        }
        else
        {
            writer.WriteNull();
        }

        WriteText(writer, prediction.Segment);
        if (prediction.NumericFeatures.IsEmpty)
        {
            writer.WriteNull();
        }
        else
        {
            writer.WriteDoubleArray(prediction.NumericFeatures.Span);
        }

        if (prediction.CategoricalFeatures.IsEmpty)
        {
            writer.WriteNull();
        }
        else
        {
            writer.WriteTextArray(prediction.CategoricalFeatures.Span);
        }

        if (prediction.ClassProbabilities.IsEmpty)
        {
            writer.WriteNull();
        }
        else
        {
            writer.WriteDoubleArray(prediction.ClassProbabilities.Span);
        }
    }

    private static void WriteText(BinaryCopyWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.WriteText(value);
        }
    }

    private static void WriteDouble(BinaryCopyWriter writer, double? value)
    {
        if (value is { } v)
        {
            writer.WriteDouble(v);
        }
        else
        {
            writer.WriteNull();
        }
    }
}
