using Microsoft.Data.Sqlite;
using ModelMonitoring.Recording;
using ModelMonitoring.Sqlite.Internal.Codecs;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Sqlite.Internal.Reading;

/// <summary>Reads stored predictions back in full, features and class probabilities included, oldest first.</summary>
internal static class StoredPredictionQueries
{
    private const string Sql = $"""
        SELECT prediction_id, ts, latency_ticks, status, error_kind, predicted_class, predicted_value, confidence,
               input_hash, segment, numeric_features, categorical_features, class_probabilities
        FROM predictions WHERE {ModelRange.Filter} ORDER BY ts, id;
        """;

    public static async Task<IReadOnlyList<PredictionRecord>> ReadAsync(SqliteConnection connection, ModelRange range, CancellationToken cancellationToken)
    {
        var predictions = new List<PredictionRecord>();
        using var command = range.Command(connection, Sql);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            predictions.Add(new PredictionRecord
            {
                Id = PredictionId.FromBytes(reader.GetFieldValue<byte[]>(0)),
                Timestamp = UnixMicroseconds.ToTimestamp(reader.GetInt64(1)),
                Latency = TimeSpan.FromTicks(reader.GetInt64(2)),
                Status = (PredictionStatus)reader.GetInt64(3),
                ErrorKind = reader.IsDBNull(4) ? null : reader.GetString(4),
                PredictedClass = reader.IsDBNull(5) ? null : reader.GetString(5),
                PredictedValue = reader.IsDBNull(6) ? null : reader.GetDouble(6),
                Confidence = reader.IsDBNull(7) ? null : reader.GetDouble(7),
                InputHash = reader.IsDBNull(8) ? null : unchecked((ulong)reader.GetInt64(8)),
                Segment = reader.IsDBNull(9) ? null : reader.GetString(9),
                NumericFeatures = reader.IsDBNull(10) ? ReadOnlyMemory<double>.Empty : NumericCodec.Read(reader.GetFieldValue<byte[]>(10)),
                CategoricalFeatures = reader.IsDBNull(11) ? ReadOnlyMemory<string?>.Empty : StringListCodec.ReadStrings(reader.GetFieldValue<byte[]>(11)),
                ClassProbabilities = reader.IsDBNull(12) ? ReadOnlyMemory<double>.Empty : NumericCodec.Read(reader.GetFieldValue<byte[]>(12)),
            });
        }

        return predictions;
    }
}
