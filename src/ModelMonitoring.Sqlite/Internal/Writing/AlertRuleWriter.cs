using Microsoft.Data.Sqlite;
using ModelMonitoring.Alerting;
using ModelMonitoring.Sqlite.Internal.Codecs;

namespace ModelMonitoring.Sqlite.Internal.Writing;

/// <summary>Upserts and deletes run-time alert rules on the write connection; the caller holds the store's write lock.</summary>
internal static class AlertRuleWriter
{
    private const string SaveSql = """
        INSERT OR REPLACE INTO alert_rules (name, model, environment, metric, aggregation, operator, value, subject, baseline, baseline_windows,
            for_ticks, severity, enabled, created_at, created_by, updated_at, updated_by)
        VALUES ($name, $model, $environment, $metric, $aggregation, $operator, $value, $subject, $baseline, $baseline_windows,
            $for_ticks, $severity, $enabled, $created_at, $created_by, $updated_at, $updated_by);
        """;

    private const string DeleteSql = "DELETE FROM alert_rules WHERE name = $name;";

    public static void Save(SqliteConnection connection, ManagedAlertRule managed)
    {
        var rule = managed.Rule;
        ArgumentException.ThrowIfNullOrEmpty(rule.Name, nameof(managed));
        using var command = connection.CreateCommand();
        command.CommandText = SaveSql;
        Add(command, "$name", rule.Name);
        Add(command, "$model", rule.Model);
        Add(command, "$environment", rule.Environment);
        Add(command, "$metric", rule.Metric);
        Add(command, "$aggregation", (long)rule.Aggregation);
        Add(command, "$operator", rule.Operator);
        Add(command, "$value", rule.Value);
        Add(command, "$subject", (long)rule.Subject);
        Add(command, "$baseline", rule.Baseline);
        Add(command, "$baseline_windows", (long)rule.BaselineWindows);
        Add(command, "$for_ticks", rule.For.Ticks);
        Add(command, "$severity", rule.Severity is { } severity ? (long)severity : null);
        Add(command, "$enabled", managed.Enabled ? 1L : 0L);
        Add(command, "$created_at", Micros(managed.CreatedAt, nameof(managed.CreatedAt)));
        Add(command, "$created_by", managed.CreatedBy ?? throw Missing(nameof(managed.CreatedBy)));
        Add(command, "$updated_at", Micros(managed.UpdatedAt, nameof(managed.UpdatedAt)));
        Add(command, "$updated_by", managed.UpdatedBy ?? throw Missing(nameof(managed.UpdatedBy)));
        command.ExecuteNonQuery();
    }

    public static void Delete(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = DeleteSql;
        Add(command, "$name", name);
        command.ExecuteNonQuery();
    }

    private static long Micros(DateTimeOffset? timestamp, string field) =>
        timestamp is { } t ? UnixMicroseconds.FromTimestamp(t) : throw Missing(field);

    // Only run-time rules are stored, and the alert manager always sets who created and changed them, when.
    private static ArgumentException Missing(string field) =>
        new($"rule.{field}: a stored alert rule needs it; only run-time rules, which have it, are stored.", "rule");

    private static void Add(SqliteCommand command, string name, object? value) => command.Parameters.AddWithValue(name, value ?? DBNull.Value);
}
