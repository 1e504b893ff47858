using Microsoft.Data.Sqlite;
using ModelMonitoring.Explainability;
using ModelMonitoring.Recording;
using ModelMonitoring.Sqlite.Internal.Codecs;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Sqlite.Internal.Reading;

/// <summary>Reads the stored explanations of one prediction, with the feature names of the model they were recorded for.</summary>
internal static class ExplanationQueries
{
    private const string Sql = """
        SELECT e.kind, e.ts, e.base_value, e.intercept, e.score, e.feature_values, m.name, m.version, m.numeric_features, m.categorical_features
        FROM explanations e JOIN models m ON m.id = e.model_id
        WHERE e.prediction_id = $id ORDER BY e.kind;
        """;

    public static async Task<PredictionExplanation?> ReadAsync(SqliteConnection connection, PredictionId predictionId, CancellationToken cancellationToken)
    {
        var id = new byte[PredictionId.ByteCount];
        predictionId.WriteBytes(id);
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.Parameters.AddWithValue("$id", id);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<ExplanationRecord>(2);
        (string Name, string Version, string[] Features) model = (string.Empty, string.Empty, []);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(new ExplanationRecord
            {
                PredictionId = predictionId,
                Kind = (ExplanationKind)reader.GetInt64(0),
                Timestamp = UnixMicroseconds.ToTimestamp(reader.GetInt64(1)),
                BaseValue = reader.IsDBNull(2) ? null : reader.GetDouble(2),
                Intercept = reader.IsDBNull(3) ? null : reader.GetDouble(3),
                Score = reader.IsDBNull(4) ? null : reader.GetDouble(4),
                Values = NumericCodec.Read(reader.GetFieldValue<byte[]>(5)),
            });

            // Attributions and LIME may have been recorded under different versions; the latest row's model names the features.
            model = (reader.GetString(6), reader.GetString(7),
                [.. StringListCodec.ReadStrings(reader.GetFieldValue<byte[]>(8)).Select(n => n ?? string.Empty), .. StringListCodec.ReadStrings(reader.GetFieldValue<byte[]>(9)).Select(n => n ?? string.Empty)]);
        }

        return records.Count == 0 ? null : PredictionExplanation.FromRecords(predictionId, model.Name, model.Version, model.Features, records);
    }
}
