using ModelMonitoring.Alerting;
using Npgsql;

namespace ModelMonitoring.PostgreSql.Internal.Writing;

/// <summary>Upserts a silence by id.</summary>
internal static class SilenceWriter
{
    private const string Sql = """
        INSERT INTO {schema}.silences (id, model, alert_name, severity, starts_at, ends_at, created_by, comment)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        ON CONFLICT (id) DO UPDATE SET
            model = excluded.model, alert_name = excluded.alert_name, severity = excluded.severity, starts_at = excluded.starts_at,
            ends_at = excluded.ends_at, created_by = excluded.created_by, comment = excluded.comment;
        """;

    public static async Task SaveAsync(NpgsqlConnection connection, SqlText sql, Silence silence, int commandTimeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(silence.Id, nameof(silence));
        using var command = new NpgsqlCommand(sql[Sql], connection) { CommandTimeout = commandTimeout };
        Parameters.AddTo(
            command.Parameters,
            Parameters.Text(silence.Id),
            Parameters.Text(silence.Model),
            Parameters.Text(silence.AlertName),
            Parameters.Text(silence.Severity is { } severity ? EnumText.Name(severity) : null),
            Parameters.Timestamp(silence.StartsAt),
            Parameters.Timestamp(silence.EndsAt),
            Parameters.Text(silence.CreatedBy),
            Parameters.Text(silence.Comment));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
