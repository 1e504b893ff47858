using ModelMonitoring.Storage;
using Npgsql;
using NpgsqlTypes;

namespace ModelMonitoring.PostgreSql.Internal.Writing;

/// <summary>
/// Upserts a batch's explanations in one statement: per prediction and kind, a later explanation replaces an earlier one.
/// The values travel as one flat array, each row taking its slice, so the statement has a fixed number of parameters.
/// </summary>
/// <remarks>Rows are upserted in key order, as <see cref="LabelWriter"/> does, so replicas writing the same ids take the row locks in one order.</remarks>
internal static class ExplanationWriter
{
    private const string Sql = """
        INSERT INTO {schema}.explanations (prediction_id, kind, model_id, ts, base_value, intercept, score, feature_values)
        SELECT e.prediction_id, e.kind, $1, e.ts, e.base_value, e.intercept, e.score, ($8::double precision[])[(e.n - 1) * $9 + 1 : e.n * $9]
        FROM unnest($2::uuid[], $3::smallint[], $4::timestamptz[], $5::double precision[], $6::double precision[], $7::double precision[])
            WITH ORDINALITY AS e (prediction_id, kind, ts, base_value, intercept, score, n)
        ORDER BY e.prediction_id, e.kind
        ON CONFLICT (prediction_id, kind) DO UPDATE SET
            model_id = excluded.model_id, ts = excluded.ts, base_value = excluded.base_value, intercept = excluded.intercept,
            score = excluded.score, feature_values = excluded.feature_values
        WHERE excluded.ts >= explanations.ts;
        """;

    public static async Task WriteAsync(NpgsqlConnection connection, SqlText sql, int modelId, ModelSchema model, ReadOnlyMemory<ExplanationRecord> explanations, int commandTimeout, CancellationToken cancellationToken)
    {
        if (explanations.IsEmpty)
        {
            return;
        }

        // One statement cannot update a row twice: of one key's explanations in the batch, the latest (then the last given) is kept.
        var latest = new Dictionary<(Recording.PredictionId, Explainability.ExplanationKind), ExplanationRecord>();
        foreach (var explanation in explanations.Span)
        {
            var key = (explanation.PredictionId, explanation.Kind);
            if (!latest.TryGetValue(key, out var earlier) || Timestamps.ToStored(explanation.Timestamp) >= Timestamps.ToStored(earlier.Timestamp))
            {
                latest[key] = explanation;
            }
        }

        var width = model.NumericFeatures.Count + model.CategoricalFeatures.Count;
        var kept = latest.Values.ToArray();
        var values = new double[kept.Length * width];
        for (var i = 0; i < kept.Length; i++)
        {
            kept[i].Values.Span.CopyTo(values.AsSpan(i * width, width));
        }

        using var command = new NpgsqlCommand(sql[Sql], connection) { CommandTimeout = commandTimeout };
        Parameters.AddTo(
            command.Parameters,
            Parameters.Integer(modelId),
            Parameters.Of(kept.Select(e => e.PredictionId.ToGuid()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid),
            Parameters.Of(kept.Select(e => (short)e.Kind).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Smallint),
            Parameters.Of(kept.Select(e => Timestamps.ToStored(e.Timestamp)).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz),
            Parameters.Of(kept.Select(e => e.BaseValue).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Double),
            Parameters.Of(kept.Select(e => e.Intercept).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Double),
            Parameters.Of(kept.Select(e => e.Score).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Double),
            Parameters.Of(values, NpgsqlDbType.Array | NpgsqlDbType.Double),
            Parameters.Integer(width));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
