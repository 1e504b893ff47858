using ModelMonitoring.Alerting;
using Npgsql;
using NpgsqlTypes;

namespace ModelMonitoring.PostgreSql.Internal.Reading;

/// <summary>Reads the silences that have not ended at a given time.</summary>
internal static class SilenceQueries
{
    private const string Sql = "SELECT id, model, alert_name, severity, starts_at, ends_at, created_by, comment FROM {schema}.silences WHERE ends_at > $1 ORDER BY starts_at, id COLLATE \"C\";";

    public static async Task<IReadOnlyList<Silence>> ReadAsync(NpgsqlConnection connection, SqlText sql, DateTimeOffset at, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql[Sql], connection);
        command.Parameters.Add(Parameters.Of(Timestamps.ToBound(at), NpgsqlDbType.TimestampTz));
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var silences = new List<Silence>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            silences.Add(new Silence
            {
                Id = reader.GetString(0),
                Model = reader.IsDBNull(1) ? null : reader.GetString(1),
                AlertName = reader.IsDBNull(2) ? null : reader.GetString(2),
                Severity = reader.IsDBNull(3) ? null : EnumText.Parse<AlertSeverity>(reader.GetString(3)),
                StartsAt = Timestamps.FromStored(reader.GetDateTime(4)),
                EndsAt = Timestamps.FromStored(reader.GetDateTime(5)),
                CreatedBy = reader.IsDBNull(6) ? null : reader.GetString(6),
                Comment = reader.IsDBNull(7) ? null : reader.GetString(7),
            });
        }

        return silences;
    }
}
