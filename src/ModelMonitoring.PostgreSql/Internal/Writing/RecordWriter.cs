using ModelMonitoring.Storage;
using Npgsql;

namespace ModelMonitoring.PostgreSql.Internal.Writing;

/// <summary>Inserts a batch's metrics and health checks, one statement per record sent together in one round trip.</summary>
internal static class RecordWriter
{
    private const string MetricSql = """
        INSERT INTO {schema}.metrics (model_id, name, value, unit, ts, window_start, metadata)
        VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7::text[] IS NULL THEN NULL ELSE jsonb_object($7::text[], $8::text[]) END);
        """;

    private const string HealthCheckSql = "INSERT INTO {schema}.health_checks (model_id, ts, status, score, issues) VALUES ($1, $2, $3, $4, $5);";

    public static async Task WriteAsync(NpgsqlConnection connection, SqlText sql, int modelId, MonitoringBatch batch, int commandTimeout, CancellationToken cancellationToken)
    {
        if (batch.Metrics.IsEmpty && batch.HealthChecks.IsEmpty)
        {
            return;
        }

        using var commands = new NpgsqlBatch(connection) { Timeout = commandTimeout };
        var metricSql = sql[MetricSql];
        foreach (var metric in batch.Metrics.Span)
        {
            var command = new NpgsqlBatchCommand(metricSql);
            var metadata = metric.Metadata?.ToArray();
            Parameters.AddTo(
                command.Parameters,
                Parameters.Integer(modelId),
                Parameters.Text(metric.Name),

                // NaN is stored as NULL, as reports leave such values out (like the SQLite store).
                Parameters.Double(double.IsNaN(metric.Value) ? null : metric.Value),
                Parameters.Text(metric.Unit),
                Parameters.Timestamp(metric.Timestamp),
                Parameters.Timestamp(metric.WindowStart),
                Parameters.TextArray(metadata?.Select(p => (string?)p.Key).ToArray()),
                Parameters.TextArray(metadata?.Select(p => (string?)p.Value).ToArray()));
            commands.BatchCommands.Add(command);
        }

        var healthSql = sql[HealthCheckSql];
        foreach (var check in batch.HealthChecks.Span)
        {
            var command = new NpgsqlBatchCommand(healthSql);
            Parameters.AddTo(
                command.Parameters,
                Parameters.Integer(modelId),
                Parameters.Timestamp(check.Timestamp),
                Parameters.Text(EnumText.Name(check.Status)),
                Parameters.Double(double.IsNaN(check.Score) ? null : check.Score),
                Parameters.TextArray(check.Issues?.ToArray()));
            commands.BatchCommands.Add(command);
        }

        cancellationToken.ThrowIfCancellationRequested();
        await commands.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
