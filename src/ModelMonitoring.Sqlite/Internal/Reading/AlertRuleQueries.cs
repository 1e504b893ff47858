using Microsoft.Data.Sqlite;
using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;
using ModelMonitoring.Sqlite.Internal.Codecs;

namespace ModelMonitoring.Sqlite.Internal.Reading;

/// <summary>Reads the run-time alert rules, in the order they were created.</summary>
internal static class AlertRuleQueries
{
    private const string Sql = """
        SELECT name, model, environment, metric, aggregation, operator, value, subject, baseline, baseline_windows,
               for_ticks, severity, enabled, created_at, created_by, updated_at, updated_by
        FROM alert_rules ORDER BY created_at, name;
        """;

    public static async Task<IReadOnlyList<ManagedAlertRule>> ReadAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rules = new List<ManagedAlertRule>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rules.Add(new ManagedAlertRule
            {
                Rule = new AlertRule
                {
                    Name = reader.GetString(0),
                    Model = reader.IsDBNull(1) ? null : reader.GetString(1),
                    Environment = reader.IsDBNull(2) ? null : reader.GetString(2),
                    Metric = reader.GetString(3),
                    Aggregation = (MetricAggregation)reader.GetInt64(4),
                    Operator = reader.IsDBNull(5) ? null! : reader.GetString(5),
                    Value = reader.IsDBNull(6) ? null : reader.GetDouble(6),
                    Subject = (RuleSubject)reader.GetInt64(7),
                    Baseline = reader.IsDBNull(8) ? null : reader.GetDouble(8),
                    BaselineWindows = reader.GetInt32(9),
                    For = TimeSpan.FromTicks(reader.GetInt64(10)),
                    Severity = reader.IsDBNull(11) ? null : (AlertSeverity)reader.GetInt64(11),
                },
                Enabled = reader.GetInt64(12) != 0,
                Source = AlertRuleSource.Runtime,
                CreatedAt = UnixMicroseconds.ToTimestamp(reader.GetInt64(13)),
                CreatedBy = reader.GetString(14),
                UpdatedAt = UnixMicroseconds.ToTimestamp(reader.GetInt64(15)),
                UpdatedBy = reader.GetString(16),
            });
        }

        return rules;
    }
}
