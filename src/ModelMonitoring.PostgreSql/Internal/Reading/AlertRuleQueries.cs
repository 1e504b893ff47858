using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;
using Npgsql;

namespace ModelMonitoring.PostgreSql.Internal.Reading;

/// <summary>Reads the run-time alert rules, in the order they were created (then by name, byte-wise).</summary>
internal static class AlertRuleQueries
{
    private const string Sql = """
        SELECT name, model, environment, metric, aggregation, operator, value, subject, baseline, baseline_windows,
               for_duration, severity, enabled, created_at, created_by, updated_at, updated_by
        FROM {schema}.alert_rules ORDER BY created_at, name COLLATE "C";
        """;

    public static async Task<IReadOnlyList<ManagedAlertRule>> ReadAsync(NpgsqlConnection connection, SqlText sql, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql[Sql], connection);
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
                    Aggregation = EnumText.Parse<MetricAggregation>(reader.GetString(4)),
                    Operator = reader.IsDBNull(5) ? null! : reader.GetString(5),
                    Value = reader.IsDBNull(6) ? null : reader.GetDouble(6),
                    Subject = EnumText.Parse<RuleSubject>(reader.GetString(7)),
                    Baseline = reader.IsDBNull(8) ? null : reader.GetDouble(8),
                    BaselineWindows = reader.GetInt32(9),
                    For = reader.GetFieldValue<TimeSpan>(10),
                    Severity = reader.IsDBNull(11) ? null : EnumText.Parse<AlertSeverity>(reader.GetString(11)),
                },
                Enabled = reader.GetBoolean(12),
                Source = AlertRuleSource.Runtime,
                CreatedAt = Timestamps.FromStored(reader.GetDateTime(13)),
                CreatedBy = reader.GetString(14),
                UpdatedAt = Timestamps.FromStored(reader.GetDateTime(15)),
                UpdatedBy = reader.GetString(16),
            });
        }

        return rules;
    }
}
