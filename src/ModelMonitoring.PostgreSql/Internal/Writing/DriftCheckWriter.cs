using ModelMonitoring.Storage;
using Npgsql;
using NpgsqlTypes;

namespace ModelMonitoring.PostgreSql.Internal.Writing;

/// <summary>Inserts a batch's drift checks, each with its per-feature rows in the order reported, in one round trip.</summary>
internal static class DriftCheckWriter
{
    private const string Sql = """
        WITH c AS (
            INSERT INTO {schema}.drift_checks (model_id, ts, window_start, window_end, row_count, reference_row_count, detector,
                dataset_drifted, drifted_share, score, recommendation)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id
        )
        INSERT INTO {schema}.drift_features (check_id, position, feature, kind, method, statistic, p_value, threshold, drifted, score)
        SELECT c.id, f.ord - 1, f.feature, f.kind, f.method, f.statistic, f.p_value, f.threshold, f.drifted, f.score
        FROM c CROSS JOIN unnest($12::text[], $13::text[], $14::text[], $15::double precision[], $16::double precision[],
            $17::double precision[], $18::boolean[], $19::double precision[])
            WITH ORDINALITY AS f (feature, kind, method, statistic, p_value, threshold, drifted, score, ord);
        """;

    public static async Task WriteAsync(NpgsqlConnection connection, SqlText sql, int modelId, ReadOnlyMemory<DriftCheckRecord> checks, int commandTimeout, CancellationToken cancellationToken)
    {
        if (checks.IsEmpty)
        {
            return;
        }

        var text = sql[Sql];
        using var commands = new NpgsqlBatch(connection) { Timeout = commandTimeout };
        foreach (var check in checks.Span)
        {
            var features = check.Features ?? [];
            var command = new NpgsqlBatchCommand(text);
            Parameters.AddTo(
                command.Parameters,
                Parameters.Integer(modelId),
                Parameters.Timestamp(check.Timestamp),
                Parameters.Timestamp(check.WindowStart),
                Parameters.Timestamp(check.WindowEnd),
                Parameters.Integer(check.RowCount),
                Parameters.Integer(check.ReferenceRowCount),
                Parameters.Text(check.Detector),
                Parameters.Of(check.DatasetDrifted, NpgsqlDbType.Boolean),
                Parameters.Double(check.DriftedShare),
                Parameters.Double(check.Score),
                Parameters.Text(EnumText.Name(check.Recommendation)),
                Parameters.TextArray([.. features.Select(f => f.Feature)]),
                Parameters.TextArray([.. features.Select(f => EnumText.Name(f.Kind))]),
                Parameters.TextArray([.. features.Select(f => f.Method)]),
                Parameters.Of(features.Select(f => f.Statistic).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Double),
                Parameters.Of(features.Select(f => f.PValue).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Double),
                Parameters.Of(features.Select(f => f.Threshold).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Double),
                Parameters.Of(features.Select(f => f.Drifted).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Boolean),
                Parameters.Of(features.Select(f => f.Score).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Double));
            commands.BatchCommands.Add(command);
        }

        await commands.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
