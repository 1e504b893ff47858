using ModelMonitoring.Alerting;
using Npgsql;
using NpgsqlTypes;

namespace ModelMonitoring.PostgreSql.Internal.Writing;

/// <summary>Upserts run-time alert rules by name and deletes them.</summary>
internal static class AlertRuleWriter
{
    private const string SaveSql = """
        INSERT INTO {schema}.alert_rules (name, model, environment, metric, aggregation, operator, value, subject, baseline, baseline_windows,
            for_duration, severity, enabled, created_at, created_by, updated_at, updated_by)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
        ON CONFLICT (name) DO UPDATE SET
            model = excluded.model, environment = excluded.environment, metric = excluded.metric, aggregation = excluded.aggregation,
            operator = excluded.operator, value = excluded.value, subject = excluded.subject, baseline = excluded.baseline,
            baseline_windows = excluded.baseline_windows, for_duration = excluded.for_duration, severity = excluded.severity,
            enabled = excluded.enabled, created_at = excluded.created_at, created_by = excluded.created_by,
            updated_at = excluded.updated_at, updated_by = excluded.updated_by;
        """;

    private const string DeleteSql = "DELETE FROM {schema}.alert_rules WHERE name = $1;";

    public static async Task SaveAsync(NpgsqlConnection connection, SqlText sql, ManagedAlertRule managed, int commandTimeout, CancellationToken cancellationToken)
    {
        var rule = managed.Rule;
        ArgumentException.ThrowIfNullOrEmpty(rule.Name, nameof(managed));
        using var command = new NpgsqlCommand(sql[SaveSql], connection) { CommandTimeout = commandTimeout };
        Parameters.AddTo(
            command.Parameters,
            Parameters.Text(rule.Name),
            Parameters.Text(rule.Model),
            Parameters.Text(rule.Environment),
            Parameters.Text(rule.Metric),
            Parameters.Text(EnumText.Name(rule.Aggregation)),
            Parameters.Text(rule.Operator),
            Parameters.Double(rule.Value),
            Parameters.Text(EnumText.Name(rule.Subject)),
            Parameters.Double(rule.Baseline),
            Parameters.Integer(rule.BaselineWindows),
            Parameters.Of(rule.For, NpgsqlDbType.Interval),
            Parameters.Text(rule.Severity is { } severity ? EnumText.Name(severity) : null),
            Parameters.Of(managed.Enabled, NpgsqlDbType.Boolean),
            Parameters.Timestamp(managed.CreatedAt ?? throw Missing(nameof(managed.CreatedAt))),
            Parameters.Text(managed.CreatedBy ?? throw Missing(nameof(managed.CreatedBy))),
            Parameters.Timestamp(managed.UpdatedAt ?? throw Missing(nameof(managed.UpdatedAt))),
            Parameters.Text(managed.UpdatedBy ?? throw Missing(nameof(managed.UpdatedBy))));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task DeleteAsync(NpgsqlConnection connection, SqlText sql, string name, int commandTimeout, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql[DeleteSql], connection) { CommandTimeout = commandTimeout };
        command.Parameters.Add(Parameters.Text(name));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // Only run-time rules are stored, and the alert manager always sets who created and changed them, when.
    private static ArgumentException Missing(string field) =>
        new($"rule.{field}: a stored alert rule needs it; only run-time rules, which have it, are stored.", "rule");
}
