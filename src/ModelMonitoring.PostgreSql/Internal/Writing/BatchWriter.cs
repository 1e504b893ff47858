using ModelMonitoring.Storage;
using Npgsql;

namespace ModelMonitoring.PostgreSql.Internal.Writing;

/// <summary>
/// Writes one batch in one transaction: the whole batch is stored or, on any failure or cancellation,
/// nothing (the transaction is rolled back when it is disposed uncommitted, or by the server when the
/// connection dies). Safe for concurrent use: each write has its own connection.
/// </summary>
internal sealed class BatchWriter(SqlText sql, int commandTimeout)
{
    private readonly ModelRegistry _models = new(sql);

    /// <summary>Writes the batch; the result counts the predictions skipped because their id was already stored.</summary>
    public async Task<SinkWriteResult> WriteAsync(NpgsqlConnection connection, MonitoringBatch batch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (batch.IsEmpty)
        {
            return SinkWriteResult.AllKept;
        }

        BatchValidator.Validate(batch);
        var inserted = await TryWriteAsync(connection, batch, staged: false, cancellationToken).ConfigureAwait(false)
            ?? await TryWriteAsync(connection, batch, staged: true, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The staged write of predictions always completes.");
        return new SinkWriteResult { DuplicatePredictions = batch.Predictions.Length - inserted };
    }

    /// <summary>
    /// Writes the batch in one transaction and returns how many predictions were inserted, or null, with nothing
    /// stored, when the direct path found an id stored already (the transaction is rolled back as it is disposed).
    /// </summary>
    private async Task<int?> TryWriteAsync(NpgsqlConnection connection, MonitoringBatch batch, bool staged, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var modelId = await _models.ResolveAsync(connection, batch.Model, commandTimeout, cancellationToken).ConfigureAwait(false);
            var inserted = await PredictionCopier.InsertAsync(connection, sql, modelId, batch.Predictions, staged, commandTimeout, cancellationToken).ConfigureAwait(false);
            if (inserted is null)
            {
                return null;
            }

            await LabelWriter.WriteAsync(connection, sql, modelId, batch.GroundTruths, commandTimeout, cancellationToken).ConfigureAwait(false);
            await RecordWriter.WriteAsync(connection, sql, modelId, batch, commandTimeout, cancellationToken).ConfigureAwait(false);
            await DriftCheckWriter.WriteAsync(connection, sql, modelId, batch.DriftChecks, commandTimeout, cancellationToken).ConfigureAwait(false);
            await ExplanationWriter.WriteAsync(connection, sql, modelId, batch.Model, batch.Explanations, commandTimeout, cancellationToken).ConfigureAwait(false);

            // The last moment to give up: once the commit is sent, the batch is stored and must be reported so.
            cancellationToken.ThrowIfCancellationRequested();
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            _models.Committed(batch.Model, modelId);
            return inserted;
        }
    }
}
