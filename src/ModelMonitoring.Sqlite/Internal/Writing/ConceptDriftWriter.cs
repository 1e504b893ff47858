using Microsoft.Data.Sqlite;
using ModelMonitoring.Sqlite.Internal.Codecs;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Sqlite.Internal.Writing;

/// <summary>Inserts one concept drift check on the write connection; the caller holds the store's write lock.</summary>
internal static class ConceptDriftWriter
{
    private const string InsertSql = """
        INSERT INTO concept_drift_checks (model, metric, checked_at, reference_from, reference_to, current_from, current_to,
            reference_mean, reference_count, current_mean, current_count, t_statistic, degrees_of_freedom, p_value,
            degradation_percent, drifted, severity)
        VALUES ($model, $metric, $checked_at, $reference_from, $reference_to, $current_from, $current_to,
            $reference_mean, $reference_count, $current_mean, $current_count, $t_statistic, $degrees_of_freedom, $p_value,
            $degradation_percent, $drifted, $severity);
        """;

    public static void Save(SqliteConnection connection, ConceptDriftCheck check)
    {
        using var command = connection.CreateCommand();
        command.CommandText = InsertSql;
        command.Parameters.AddWithValue("$model", check.Model);
        command.Parameters.AddWithValue("$metric", check.Metric);
        command.Parameters.AddWithValue("$checked_at", UnixMicroseconds.FromTimestamp(check.CheckedAt));
        command.Parameters.AddWithValue("$reference_from", UnixMicroseconds.FromTimestamp(check.ReferenceFrom));
        command.Parameters.AddWithValue("$reference_to", UnixMicroseconds.FromTimestamp(check.ReferenceTo));
        command.Parameters.AddWithValue("$current_from", UnixMicroseconds.FromTimestamp(check.CurrentFrom));
        command.Parameters.AddWithValue("$current_to", UnixMicroseconds.FromTimestamp(check.CurrentTo));
        AddReal(command, "$reference_mean", check.ReferenceMean);
        command.Parameters.AddWithValue("$reference_count", check.ReferenceCount);
        AddReal(command, "$current_mean", check.CurrentMean);
        command.Parameters.AddWithValue("$current_count", check.CurrentCount);
        AddReal(command, "$t_statistic", check.TStatistic);
        AddReal(command, "$degrees_of_freedom", check.DegreesOfFreedom);
        AddReal(command, "$p_value", check.PValue);
        AddReal(command, "$degradation_percent", check.DegradationPercent);
        command.Parameters.AddWithValue("$drifted", check.Drifted ? 1 : 0);
        command.Parameters.AddWithValue("$severity", check.Severity is { } severity ? (long)severity : DBNull.Value);
        command.ExecuteNonQuery();
    }

    // SQLite has no NaN (it would store NULL anyway); infinities are kept.
    private static void AddReal(SqliteCommand command, string name, double value) =>
        command.Parameters.Add(name, SqliteType.Real).Value = double.IsNaN(value) ? DBNull.Value : value;
}
