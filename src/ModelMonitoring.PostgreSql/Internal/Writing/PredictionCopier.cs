using ModelMonitoring.Recording;
using ModelMonitoring.Storage;
using Npgsql;
using NpgsqlTypes;

namespace ModelMonitoring.PostgreSql.Internal.Writing;

/// <summary>
/// Inserts a batch's predictions, each id once store-wide (the first prediction stored with an id wins, so
/// writing the same batch twice stores it once): the ids straight into <c>prediction_ids</c>, then the
/// predictions by binary <c>COPY</c> straight into <c>predictions</c> when none of the batch's ids is stored
/// yet, the common case, or else through <see cref="StagedPredictionCopier"/>, which skips the stored ids.
/// </summary>
/// <remarks>
/// <para>
/// An id stored already makes the insert into <c>prediction_ids</c> fail on its primary key; it runs
/// under a savepoint, so the failure rolls back the ids copied so far and nothing else of the batch's
/// transaction, and the slow path then writes the batch. No pre-check is needed, and none would be enough:
/// the primary key also sees ids another replica inserted and has not committed yet (the insert waits for
/// that transaction, then fails if it committed), which a <c>SELECT</c> would not.
/// </para>
/// <para>
/// Ids are inserted in id order, as the slow path inserts them, so replicas writing overlapping ids at once
/// wait for each other rather than deadlock. Of one id's predictions within the batch, the first is kept.
/// </para>
/// </remarks>
internal static class PredictionCopier
{
    private const string Savepoint = "mm_predictions";

    // Array parameters rather than a COPY: sent with the savepoint, one round trip instead of three, which under load outweighs
    // the server's dearer per-row INSERT (docs/benchmarks.md). unnest returns the elements in array order, which is id order.
    private const string IdsInsertSql = "INSERT INTO {schema}.prediction_ids (prediction_id, ts) SELECT * FROM unnest($1::uuid[], $2::timestamptz[]);";

    private const string PredictionsCopySql = $"COPY {{schema}}.predictions (model_id, {PredictionRow.Columns}) FROM STDIN (FORMAT BINARY)";

    /// <summary>Inserts the predictions; returns how many were inserted (the rest had an id already stored, or earlier in the batch).</summary>
    public static async Task<int> InsertAsync(
        NpgsqlConnection connection, SqlText sql, int modelId, ReadOnlyMemory<PredictionRecord> predictions, int commandTimeout, CancellationToken cancellationToken)
    {
        if (predictions.IsEmpty)
        {
            return 0;
        }

        var firsts = FirstsInIdOrder(predictions.Span);
        try
        {
            await ClaimIdsAsync(connection, sql, predictions, firsts, commandTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await ExecuteAsync(connection, $"ROLLBACK TO SAVEPOINT {Savepoint};", commandTimeout, cancellationToken).ConfigureAwait(false);
            return await StagedPredictionCopier.InsertAsync(connection, sql, modelId, predictions, commandTimeout, cancellationToken).ConfigureAwait(false);
        }

        await CopyPredictionsAsync(connection, sql, modelId, predictions, firsts, commandTimeout, cancellationToken).ConfigureAwait(false);
        return firsts.Length;
    }

    /// <summary>Returns the positions of each id's first prediction in the batch, in id order.</summary>
    internal static int[] FirstsInIdOrder(ReadOnlySpan<PredictionRecord> predictions)
    {
        var ids = new PredictionId[predictions.Length];
        var positions = new int[predictions.Length];
        for (var i = 0; i < predictions.Length; i++)
        {
            ids[i] = predictions[i].Id;
            positions[i] = i;
        }

        // Recorded ids come in order, so the sort is mostly a check; it is not stable, hence the smallest position of each run.
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

    /// <summary>Sets the savepoint and inserts the ids, in one round trip.</summary>
    private static async Task ClaimIdsAsync(
        NpgsqlConnection connection, SqlText sql, ReadOnlyMemory<PredictionRecord> predictions, int[] firsts, int commandTimeout, CancellationToken cancellationToken)
    {
        var ids = new Guid[firsts.Length];
        var times = new DateTime[firsts.Length];
        for (var i = 0; i < firsts.Length; i++)
        {
            var prediction = predictions.Span[firsts[i]];
            ids[i] = prediction.Id.ToGuid();
            times[i] = Timestamps.ToStored(prediction.Timestamp);
        }

        using var batch = new NpgsqlBatch(connection) { Timeout = commandTimeout };
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SAVEPOINT {Savepoint};"));
        var insert = new NpgsqlBatchCommand(sql[IdsInsertSql]);
        Parameters.AddTo(insert.Parameters, Parameters.Of(ids, NpgsqlDbType.Array | NpgsqlDbType.Uuid), Parameters.Of(times, NpgsqlDbType.Array | NpgsqlDbType.TimestampTz));
        batch.BatchCommands.Add(insert);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task CopyPredictionsAsync(
        NpgsqlConnection connection, SqlText sql, int modelId, ReadOnlyMemory<PredictionRecord> predictions, int[] firsts, int commandTimeout, CancellationToken cancellationToken)
    {
        // The batch's order, which is time order for recorded predictions: the (model_id, ts) index then grows at its end.
        var kept = firsts.Length == predictions.Length ? null : new HashSet<int>(firsts);
        var importer = await connection.BeginBinaryImportAsync(sql[PredictionsCopySql], cancellationToken).ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            importer.Timeout = TimeSpan.FromSeconds(commandTimeout);
            for (var i = 0; i < predictions.Length; i++)
            {
                if (kept is null || kept.Contains(i))
                {
                    await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(modelId, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                    await PredictionRow.WriteAsync(importer, predictions.Span[i], cancellationToken).ConfigureAwait(false);
                }
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string commandText, int commandTimeout, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(commandText, connection) { CommandTimeout = commandTimeout };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
