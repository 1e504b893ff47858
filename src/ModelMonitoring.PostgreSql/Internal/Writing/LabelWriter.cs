using ModelMonitoring.Recording;
using ModelMonitoring.Storage;
using Npgsql;
using NpgsqlTypes;

namespace ModelMonitoring.PostgreSql.Internal.Writing;

/// <summary>
/// Upserts a batch's ground-truth labels in one statement. A label for an already labelled prediction
/// replaces it unless it is older: corrections win, re-deliveries change nothing.
/// </summary>
/// <remarks>
/// Rows are upserted in id order, as <see cref="PredictionCopier"/> inserts ids: replicas writing
/// overlapping ids at once then take the row locks in one order and wait for each other instead of deadlocking.
/// </remarks>
internal static class LabelWriter
{
    private const string Sql = """
        INSERT INTO {schema}.ground_truth (prediction_id, model_id, ts, actual_class, actual_value)
        SELECT l.prediction_id, $1, l.ts, l.actual_class, l.actual_value
        FROM unnest($2::uuid[], $3::timestamptz[], $4::text[], $5::double precision[]) AS l (prediction_id, ts, actual_class, actual_value)
        ORDER BY l.prediction_id
        ON CONFLICT (prediction_id) DO UPDATE SET
            model_id = excluded.model_id, ts = excluded.ts, actual_class = excluded.actual_class, actual_value = excluded.actual_value
        WHERE excluded.ts >= ground_truth.ts;
        """;

    public static async Task WriteAsync(NpgsqlConnection connection, SqlText sql, int modelId, ReadOnlyMemory<GroundTruthRecord> labels, int commandTimeout, CancellationToken cancellationToken)
    {
        if (labels.IsEmpty)
        {
            return;
        }

        // One statement cannot update a row twice: of one id's labels in the batch, the latest (then the last given) is kept,
        // as if they had been written one after another.
        var latest = new Dictionary<PredictionId, GroundTruthRecord>();
        foreach (var label in labels.Span)
        {
            if (!latest.TryGetValue(label.PredictionId, out var earlier) || Timestamps.ToStored(label.Timestamp) >= Timestamps.ToStored(earlier.Timestamp))
            {
                latest[label.PredictionId] = label;
            }
        }

        var kept = latest.Values;
        using var command = new NpgsqlCommand(sql[Sql], connection) { CommandTimeout = commandTimeout };
        Parameters.AddTo(
            command.Parameters,
            Parameters.Integer(modelId),
            Parameters.Of(kept.Select(l => l.PredictionId.ToGuid()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid),
            Parameters.Of(kept.Select(l => Timestamps.ToStored(l.Timestamp)).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz),
            Parameters.TextArray(kept.Select(l => l.ActualClass).ToArray()),
            Parameters.Of(kept.Select(l => l.ActualValue).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Double));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
