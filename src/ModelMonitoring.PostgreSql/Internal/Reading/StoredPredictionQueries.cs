using ModelMonitoring.Recording;
using ModelMonitoring.Storage;
using Npgsql;

namespace ModelMonitoring.PostgreSql.Internal.Reading;

/// <summary>Reads stored predictions back in full, features and class probabilities included, oldest first.</summary>
internal static class StoredPredictionQueries
{
    private const string Sql = $$"""
        SELECT prediction_id, ts, latency_ms, status, error_kind, predicted_class, predicted_value, confidence,
               input_hash, segment, numeric_features, categorical_features, class_probabilities
        FROM {schema}.predictions WHERE {{ModelRange.Filter}} ORDER BY ts, row_id;
        """;

    public static async Task<IReadOnlyList<PredictionRecord>> ReadAsync(NpgsqlConnection connection, SqlText sql, ModelRange range, CancellationToken cancellationToken)
    {
        var predictions = new List<PredictionRecord>();
        using var command = range.Command(connection, sql, Sql);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            predictions.Add(new PredictionRecord
            {
                Id = PredictionId.FromGuid(reader.GetGuid(0)),
                Timestamp = Timestamps.FromStored(reader.GetDateTime(1)),
                Latency = PredictionQueries.Milliseconds(reader.GetDouble(2)),
                Status = EnumText.Parse<PredictionStatus>(reader.GetString(3)),
                ErrorKind = reader.IsDBNull(4) ? null : reader.GetString(4),
                PredictedClass = reader.IsDBNull(5) ? null : reader.GetString(5),
                PredictedValue = reader.IsDBNull(6) ? null : reader.GetDouble(6),
                Confidence = reader.IsDBNull(7) ? null : reader.GetDouble(7),
                InputHash = reader.IsDBNull(8) ? null : unchecked((ulong)reader.GetInt64(8)),
                Segment = reader.IsDBNull(9) ? null : reader.GetString(9),
                NumericFeatures = reader.IsDBNull(10) ? ReadOnlyMemory<double>.Empty : Numeric(reader.GetFieldValue<double?[]>(10)),
                CategoricalFeatures = reader.IsDBNull(11) ? ReadOnlyMemory<string?>.Empty : reader.GetFieldValue<string?[]>(11),
                ClassProbabilities = reader.IsDBNull(12) ? ReadOnlyMemory<double>.Empty : Numeric(reader.GetFieldValue<double?[]>(12)),
            });
        }

        return predictions;
    }

    /// <summary>A NULL element is a missing value, read back as NaN (see the writer; only SQL run beside the store puts one in class probabilities).</summary>
    internal static double[] Numeric(double?[] values)
    {
        var numbers = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            numbers[i] = values[i] ?? double.NaN;
        }

        return numbers;
    }
}
