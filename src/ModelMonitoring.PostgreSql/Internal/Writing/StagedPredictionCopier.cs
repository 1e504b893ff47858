using ModelMonitoring.Storage;
using Npgsql;

namespace ModelMonitoring.PostgreSql.Internal.Writing;

/// <summary>
/// The slow path of <see cref="PredictionCopier"/>, for a batch with an id already stored: inserts the
/// predictions by binary <c>COPY</c> into a staging table that lives only for the batch's transaction,
/// then moves them with one <c>INSERT … SELECT</c>: an id already in <c>prediction_ids</c> (or earlier in
/// the batch) is skipped, so the first prediction stored with an id wins and writing the same batch twice
/// stores it once.
/// </summary>
/// <remarks>
/// <c>COPY</c> cannot skip conflicting rows itself, and a unique index on the partitioned
/// <c>predictions</c> would have to contain <c>ts</c>; the staging table and <c>prediction_ids</c> keep
/// COPY's speed and the store-wide first-wins rule. Ids are inserted in id order (the DISTINCT ON's
/// sort), so replicas writing overlapping ids at once wait for each other rather than deadlock.
/// </remarks>
internal static class StagedPredictionCopier
{
    private const string StagingSql = """
        CREATE TEMP TABLE mm_staging (
            ord integer NOT NULL, prediction_id uuid NOT NULL, ts timestamptz NOT NULL, latency_ms double precision NOT NULL,
            status text NOT NULL, error_kind text, predicted_class text, predicted_value double precision, confidence double precision,
            input_hash bigint, segment text, numeric_features double precision[], categorical_features text[],
            class_probabilities double precision[]
        ) ON COMMIT DROP;
        """;

    private const string CopySql = $"""
        COPY mm_staging (ord, {PredictionRow.Columns}) FROM STDIN (FORMAT BINARY)
        """;

    private const string MoveSql = """
        WITH firsts AS (
            SELECT DISTINCT ON (prediction_id) * FROM pg_temp.mm_staging ORDER BY prediction_id, ord
        ), fresh AS (
            INSERT INTO {schema}.prediction_ids (prediction_id, ts) SELECT prediction_id, ts FROM firsts
            ON CONFLICT (prediction_id) DO NOTHING
            RETURNING prediction_id
        )
        INSERT INTO {schema}.predictions (ts, model_id, prediction_id, latency_ms, status, error_kind, predicted_class, predicted_value,
            confidence, input_hash, segment, numeric_features, categorical_features, class_probabilities)
        SELECT f.ts, $1, f.prediction_id, f.latency_ms, f.status, f.error_kind, f.predicted_class, f.predicted_value,
            f.confidence, f.input_hash, f.segment, f.numeric_features, f.categorical_features, f.class_probabilities
        FROM firsts f JOIN fresh USING (prediction_id)
        ORDER BY f.ord;
        """;

    /// <summary>Inserts the predictions; returns how many were inserted (the rest had an id already stored).</summary>
    public static async Task<int> InsertAsync(
        NpgsqlConnection connection, SqlText sql, int modelId, ReadOnlyMemory<PredictionRecord> predictions, int commandTimeout, CancellationToken cancellationToken)
    {
        if (predictions.IsEmpty)
        {
            return 0;
        }

        using (var staging = new NpgsqlCommand(StagingSql, connection) { CommandTimeout = commandTimeout })
        {
            await staging.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var writer = await BinaryCopyWriter.BeginAsync(connection, CopySql, commandTimeout, cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            for (var i = 0; i < predictions.Length; i++)
            {
                await writer.ReserveAsync(PredictionRow.RowSize(predictions.Span[i]), cancellationToken).ConfigureAwait(false);
                PredictionRow.WriteRow(writer, i, predictions.Span[i]);
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        using var move = new NpgsqlCommand(sql[MoveSql], connection) { CommandTimeout = commandTimeout };
        move.Parameters.Add(Parameters.Integer(modelId));
        return await move.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
