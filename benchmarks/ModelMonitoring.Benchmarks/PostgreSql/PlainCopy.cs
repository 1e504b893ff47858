using ModelMonitoring.Storage;
using Npgsql;
using ModelMonitoring.PostgreSql.Internal.Writing;

namespace ModelMonitoring.Benchmarks.PostgreSql;

/// <summary>
/// The ceiling the provider is measured against: the same rows, the same values and the same encoder
/// (the provider's <see cref="BinaryCopyWriter"/>), by one <c>COPY</c> per batch in one transaction into a plain table with the columns of
/// <c>predictions</c>, and nothing else: no partitions, no indexes, no id table, no staging.
/// </summary>
internal sealed class PlainCopy(NpgsqlDataSource dataSource)
{
    private const string CopySql = $"COPY plain_predictions (model_id, {PredictionRow.Columns}) FROM STDIN (FORMAT BINARY)";

    public async Task CreateAsync()
    {
        await using var command = dataSource.CreateCommand("""
            DROP TABLE IF EXISTS plain_predictions;
            CREATE TABLE plain_predictions (
                ts timestamptz NOT NULL, model_id integer NOT NULL, prediction_id uuid NOT NULL, latency_ms double precision NOT NULL,
                status text NOT NULL, error_kind text, predicted_class text, predicted_value double precision, confidence double precision,
                input_hash bigint, segment text, numeric_features double precision[], categorical_features text[], class_probabilities double precision[]);
            """);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async Task TruncateAsync()
    {
        await using var command = dataSource.CreateCommand("TRUNCATE plain_predictions;");
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async Task WriteAsync(PredictionRecord[] predictions)
    {
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        var writer = await BinaryCopyWriter.BeginAsync(connection, CopySql, 30, CancellationToken.None).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            foreach (var prediction in predictions)
            {
                await writer.ReserveAsync(PredictionRow.RowSize(prediction), CancellationToken.None).ConfigureAwait(false);
                PredictionRow.WriteRow(writer, 1, prediction);
            }

            await writer.CompleteAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
    }
}
