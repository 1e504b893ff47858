using System.Runtime.InteropServices;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;
using Npgsql;
using NpgsqlTypes;

namespace ModelMonitoring.PostgreSql.Internal.Writing;

/// <summary>
/// Writes a prediction's columns to a binary <c>COPY</c>, in the order of <see cref="Columns"/>; the
/// caller starts the row and writes its own columns before these.
/// </summary>
internal static class PredictionRow
{
    /// <summary>The columns <see cref="WriteAsync"/> writes, in order.</summary>
    public const string Columns = "prediction_id, ts, latency_ms, status, error_kind, predicted_class, predicted_value, confidence, "
        + "input_hash, segment, numeric_features, categorical_features";

    public static async Task WriteAsync(NpgsqlBinaryImporter importer, PredictionRecord prediction, CancellationToken cancellationToken)
    {
        await importer.WriteAsync(prediction.Id.ToGuid(), NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
        await importer.WriteAsync(Timestamps.ToStored(prediction.Timestamp), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
        await importer.WriteAsync(prediction.Latency.Ticks / (double)TimeSpan.TicksPerMillisecond, NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
        await importer.WriteAsync(prediction.Status == PredictionStatus.Error ? "Error" : "Success", NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(importer, prediction.ErrorKind, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(importer, prediction.PredictedClass, cancellationToken).ConfigureAwait(false);
        await WriteAsync(importer, prediction.PredictedValue, NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
        await WriteAsync(importer, prediction.Confidence, NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
        await WriteAsync(importer, prediction.InputHash is { } hash ? unchecked((long)hash) : (long?)null, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(importer, prediction.Segment, cancellationToken).ConfigureAwait(false);
        if (prediction.NumericFeatures.IsEmpty)
        {
            await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await WriteNumericAsync(importer, prediction.NumericFeatures, cancellationToken).ConfigureAwait(false);
        }

        if (prediction.CategoricalFeatures.IsEmpty)
        {
            await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await importer.WriteAsync(ArrayOf(prediction.CategoricalFeatures), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes the numeric features; a missing value (NaN) is written as a NULL element, so that SQL reads it as missing
    /// (<c>avg</c> and the other aggregates leave it out) rather than as the value NaN. Only rows with one are copied.
    /// </summary>
    private static Task WriteNumericAsync(NpgsqlBinaryImporter importer, ReadOnlyMemory<double> values, CancellationToken cancellationToken)
    {
        if (!values.Span.ContainsAnyExceptInRange(double.NegativeInfinity, double.PositiveInfinity))
        {
            return importer.WriteAsync(ArrayOf(values), NpgsqlDbType.Array | NpgsqlDbType.Double, cancellationToken);
        }

        var withNulls = new double?[values.Length];
        for (var i = 0; i < withNulls.Length; i++)
        {
            var value = values.Span[i];
            withNulls[i] = double.IsNaN(value) ? null : value;
        }

        return importer.WriteAsync(withNulls, NpgsqlDbType.Array | NpgsqlDbType.Double, cancellationToken);
    }

    /// <summary>The values as an array, without a copy when the memory is a whole array already (as recorded predictions' are).</summary>
    private static T[] ArrayOf<T>(ReadOnlyMemory<T> values) =>
        MemoryMarshal.TryGetArray(values, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length ? segment.Array : values.ToArray();

    private static Task WriteTextAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    private static Task WriteAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct =>
        value is { } v ? importer.WriteAsync(v, type, cancellationToken) : importer.WriteNullAsync(cancellationToken);
}
