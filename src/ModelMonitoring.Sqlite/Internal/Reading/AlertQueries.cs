using Microsoft.Data.Sqlite;
using ModelMonitoring.Alerting;
using ModelMonitoring.Sqlite.Internal.Codecs;

namespace ModelMonitoring.Sqlite.Internal.Reading;

/// <summary>Alerts in a time range, and the firing ones counted by severity.</summary>
internal static class AlertQueries
{
    private const string Filter = "model = $model AND ts >= $from AND ts < $to";

    private const string RangeSql = $"""
        SELECT model, version, environment, name, severity, state, message, metric, value, threshold, baseline, ts
        FROM alerts WHERE {Filter} ORDER BY ts, id;
        """;

    private const string CountsSql = $"SELECT severity, COUNT(*) FROM alerts WHERE {Filter} AND state = $firing GROUP BY severity;";

    /// <summary>Counts firing alerts by severity; every severity is present, with zero when none fired.</summary>
    public static async Task<IReadOnlyDictionary<AlertSeverity, int>> ReadFiringCountsAsync(SqliteConnection connection, ModelRange range, CancellationToken cancellationToken)
    {
        var counts = Enum.GetValues<AlertSeverity>().ToDictionary(severity => severity, _ => 0);
        using var command = range.Command(connection, CountsSql);
        command.Parameters.AddWithValue("$firing", (long)AlertState.Firing);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[(AlertSeverity)reader.GetInt64(0)] = reader.GetInt32(1);
        }

        return counts;
    }

    public static async Task<IReadOnlyList<Alert>> ReadAsync(SqliteConnection connection, ModelRange range, CancellationToken cancellationToken)
    {
        var alerts = new List<Alert>();
        using var command = range.Command(connection, RangeSql);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            alerts.Add(new Alert
            {
                Model = reader.GetString(0),
                Version = reader.GetString(1),
                Environment = reader.GetString(2),
                Name = reader.GetString(3),
                Severity = (AlertSeverity)reader.GetInt64(4),
                State = (AlertState)reader.GetInt64(5),
                Message = reader.GetString(6),
                Metric = reader.IsDBNull(7) ? null : reader.GetString(7),
                Value = reader.IsDBNull(8) ? null : reader.GetDouble(8),
                Threshold = reader.IsDBNull(9) ? null : reader.GetDouble(9),
                Baseline = reader.IsDBNull(10) ? null : reader.GetDouble(10),
                Timestamp = UnixMicroseconds.ToTimestamp(reader.GetInt64(11)),
            });
        }

        return alerts;
    }
}
