using ModelMonitoring.Recording;
using ModelMonitoring.Storage;
using Npgsql;

namespace ModelMonitoring.PostgreSql.Internal.Writing;

/// <summary>
/// Inserts a batch's predictions, each id once store-wide (the first prediction stored with an id wins, so
/// writing the same batch twice stores it once): by binary <c>COPY</c> straight into <c>prediction_ids</c>
/// and then into <c>predictions</c> when none of the batch's ids is stored yet, the common case, or else
/// through <see cref="StagedPredictionCopier"/>, which skips the stored ids.
/// </summary>
/// <remarks>
/// <para>
/// An id stored already makes the <c>COPY</c> into <c>prediction_ids</c> fail on its primary key, which fails
/// the batch's transaction: <see cref="BatchWriter"/> rolls it back and writes the batch again by the slow
/// path. A savepoint would keep the transaction but costs a round trip on every batch, and the <c>COPY</c> is
/// the transaction's first write but the model's upsert, so starting again loses little. No pre-check is
/// needed, and none would be enough: the primary key also sees ids another replica inserted and has not
/// committed yet (the <c>COPY</c> waits for that transaction, then fails if it committed), which a
/// <c>SELECT</c> would not.
/// </para>
/// <para>
/// Ids are copied in id order, as the slow path inserts them, so replicas writing overlapping ids at once
/// wait for each other rather than deadlock. Of one id's predictions within the batch, the first is kept.
/// </para>
/// </remarks>
internal static class PredictionCopier
{
    // A COPY rather than an INSERT of array parameters, which saves two round trips but costs the server more per row:
    // measured slower on loopback (docs/benchmarks.md).
    private const string IdsCopySql = "COPY {schema}.prediction_ids (prediction_id, ts) FROM STDIN (FORMAT BINARY)";

    private const string PredictionsCopySql = $"COPY {{schema}}.predictions (model_id, {PredictionRow.Columns}) FROM STDIN (FORMAT BINARY)";

    /// <summary>
    /// Inserts the predictions; returns how many were inserted (the rest had an id already stored, or earlier in the batch),
    /// or, when <paramref name="staged"/> is false and an id is stored already, null with the transaction failed: the
    /// caller then rolls it back and writes the batch again with <paramref name="staged"/> true.
    /// </summary>
    public static async Task<int?> InsertAsync(
        NpgsqlConnection connection, SqlText sql, int modelId, ReadOnlyMemory<PredictionRecord> predictions, bool staged, int commandTimeout, CancellationToken cancellationToken)
    {
        if (predictions.IsEmpty)
        {
            return 0;
        }

        if (staged)
        {
            return await StagedPredictionCopier.InsertAsync(connection, sql, modelId, predictions, commandTimeout, cancellationToken).ConfigureAwait(false);
        }

        var firsts = FirstsInIdOrder(predictions.Span);
        try
        {
            await CopyIdsAsync(connection, sql, predictions, firsts, commandTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return null;
        }

        await CopyPredictionsAsync(connection, sql, modelId, predictions, firsts, commandTimeout, cancellationToken).ConfigureAwait(false);
        return firsts.Length;
    }

    /// <summary>Returns the positions of each id's first prediction in the batch, in id order.</summary>
    internal static int[] FirstsInIdOrder(ReadOnlySpan<PredictionRecord> predictions)
    {
        var positions = new int[predictions.Length];
        var ascending = true;
        for (var i = 0; i < predictions.Length; i++)
        {
            positions[i] = i;
            ascending &= i == 0 || predictions[i - 1].Id < predictions[i].Id;
        }

        // One process's recorded ids come in order and unique: no sort needed.
        if (ascending)
        {
            return positions;
        }

        var ids = new PredictionId[predictions.Length];
        for (var i = 0; i < predictions.Length; i++)
        {
            ids[i] = predictions[i].Id;
        }

        // The sort is not stable, hence the smallest position of each run of one id.
        Array.Sort(ids, positions);
        var firsts = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            if (firsts > 0 && ids[i] == ids[firsts - 1])
            {
                positions[firsts - 1] = Math.Min(positions[firsts - 1], positions[i]);
            }
            else
            {
                ids[firsts] = ids[i];
                positions[firsts++] = positions[i];
            }
        }

        return firsts == positions.Length ? positions : positions[..firsts];
    }

    internal static async Task CopyIdsAsync(
        NpgsqlConnection connection, SqlText sql, ReadOnlyMemory<PredictionRecord> predictions, int[] firsts, int commandTimeout, CancellationToken cancellationToken)
    {
        const int RowSize = 2 + (4 + PredictionId.ByteCount) + (4 + 8);
        var writer = await BinaryCopyWriter.BeginAsync(connection, sql[IdsCopySql], commandTimeout, cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            foreach (var position in firsts)
            {
                await writer.ReserveAsync(RowSize, cancellationToken).ConfigureAwait(false);
                var prediction = predictions.Span[position];
                writer.StartRow(2);
                writer.WriteUuid(prediction.Id);
                writer.WriteTimestamp(Timestamps.ToStored(prediction.Timestamp));
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    internal static async Task CopyPredictionsAsync(
        NpgsqlConnection connection, SqlText sql, int modelId, ReadOnlyMemory<PredictionRecord> predictions, int[] firsts, int commandTimeout, CancellationToken cancellationToken)
    {
        // The batch's order, which is time order for recorded predictions: the (model_id, ts) index then grows at its end.
        var kept = firsts.Length == predictions.Length ? null : new HashSet<int>(firsts);
        var writer = await BinaryCopyWriter.BeginAsync(connection, sql[PredictionsCopySql], commandTimeout, cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            for (var i = 0; i < predictions.Length; i++)
            {
                if (kept is null || kept.Contains(i))
                {
                    await writer.ReserveAsync(PredictionRow.RowSize(predictions.Span[i]), cancellationToken).ConfigureAwait(false);
                    PredictionRow.WriteRow(writer, modelId, predictions.Span[i]);
                }
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
