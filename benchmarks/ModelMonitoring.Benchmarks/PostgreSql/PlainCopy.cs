using ModelMonitoring.Storage;
using Npgsql;
using NpgsqlTypes;

namespace ModelMonitoring.Benchmarks.PostgreSql;

/// <summary>
/// The ceiling the provider is measured against: the same rows, the same values and the same Npgsql
/// binary importer, by one <c>COPY</c> per batch in one transaction into a plain table with the columns of
/// <c>predictions</c>, and nothing else: no partitions, no indexes, no id table, no staging.
/// </summary>
internal sealed class PlainCopy(NpgsqlDataSource dataSource)
{
    private const string CopySql = """
        COPY plain_predictions (ts, model_id, prediction_id, latency_ms, status, error_kind, predicted_class, predicted_value,
            confidence, input_hash, segment, numeric_features, categorical_features) FROM STDIN (FORMAT BINARY)
        """;

    public async Task CreateAsync()
    {
        await using var command = dataSource.CreateCommand("""
            DROP TABLE IF EXISTS plain_predictions;
            CREATE TABLE plain_predictions (
                ts timestamptz NOT NULL, model_id integer NOT NULL, prediction_id uuid NOT NULL, latency_ms double precision NOT NULL,
                status text NOT NULL, error_kind text, predicted_class text, predicted_value double precision, confidence double precision,
                input_hash bigint, segment text, numeric_features double precision[], categorical_features text[]);
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
        var importer = await connection.BeginBinaryImportAsync(CopySql).ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            foreach (var p in predictions)
            {
                await importer.StartRowAsync().ConfigureAwait(false);
                await importer.WriteAsync(DateTime.SpecifyKind(p.Timestamp.UtcDateTime, DateTimeKind.Utc), NpgsqlDbType.TimestampTz).ConfigureAwait(false);
                await importer.WriteAsync(1, NpgsqlDbType.Integer).ConfigureAwait(false);
                await importer.WriteAsync(p.Id.ToGuid(), NpgsqlDbType.Uuid).ConfigureAwait(false);
                await importer.WriteAsync(p.Latency.TotalMilliseconds, NpgsqlDbType.Double).ConfigureAwait(false);
                await importer.WriteAsync("Success", NpgsqlDbType.Text).ConfigureAwait(false);
                await importer.WriteNullAsync().ConfigureAwait(false);
                await importer.WriteAsync(p.PredictedClass!, NpgsqlDbType.Text).ConfigureAwait(false);
                await importer.WriteNullAsync().ConfigureAwait(false);
                await importer.WriteAsync(p.Confidence!.Value, NpgsqlDbType.Double).ConfigureAwait(false);
                await importer.WriteNullAsync().ConfigureAwait(false);
                await importer.WriteNullAsync().ConfigureAwait(false);
                await importer.WriteAsync(p.NumericFeatures.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Double).ConfigureAwait(false);
                await importer.WriteNullAsync().ConfigureAwait(false);
            }

            await importer.CompleteAsync().ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
    }
}
