using ModelMonitoring.Explainability;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;
using Npgsql;

namespace ModelMonitoring.PostgreSql.Internal.Reading;

/// <summary>Reads the stored explanations of one prediction, with the feature names of the model they were recorded for.</summary>
internal static class ExplanationQueries
{
    private const string Sql = """
        SELECT e.kind, e.ts, e.base_value, e.intercept, e.score, e.feature_values, m.name, m.version, m.numeric_features || m.categorical_features
        FROM {schema}.explanations e JOIN {schema}.models m ON m.id = e.model_id
        WHERE e.prediction_id = $1 ORDER BY e.kind;
        """;

    public static async Task<PredictionExplanation?> ReadAsync(NpgsqlConnection connection, SqlText sql, PredictionId predictionId, int commandTimeout, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql[Sql], connection) { CommandTimeout = commandTimeout };
        command.Parameters.Add(new NpgsqlParameter { Value = predictionId.ToGuid() });
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<ExplanationRecord>(2);
        (string Name, string Version, string[] Features) model = (string.Empty, string.Empty, []);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(new ExplanationRecord
            {
                PredictionId = predictionId,
                Kind = (ExplanationKind)reader.GetInt16(0),
                Timestamp = Timestamps.FromStored(reader.GetDateTime(1)),
                BaseValue = reader.IsDBNull(2) ? null : reader.GetDouble(2),
                Intercept = reader.IsDBNull(3) ? null : reader.GetDouble(3),
                Score = reader.IsDBNull(4) ? null : reader.GetDouble(4),
                Values = reader.GetFieldValue<double[]>(5),
            });

            // Attributions and LIME may have been recorded under different versions; the latest row's model names the features.
            model = (reader.GetString(6), reader.GetString(7), reader.GetFieldValue<string[]>(8));
        }

        return records.Count == 0 ? null : PredictionExplanation.FromRecords(predictionId, model.Name, model.Version, model.Features, records);
    }
}
