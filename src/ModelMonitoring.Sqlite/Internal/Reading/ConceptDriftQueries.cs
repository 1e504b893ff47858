using Microsoft.Data.Sqlite;
using ModelMonitoring.Alerting;
using ModelMonitoring.Sqlite.Internal.Codecs;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Sqlite.Internal.Reading;

/// <summary>Reads concept drift checks back, through the (model, checked_at) index.</summary>
internal static class ConceptDriftQueries
{
    private const string ReadSql = """
        SELECT model, metric, checked_at, reference_from, reference_to, current_from, current_to, reference_mean, reference_count,
               current_mean, current_count, t_statistic, degrees_of_freedom, p_value, degradation_percent, drifted, severity
        FROM concept_drift_checks
        WHERE model = $model AND checked_at >= $from AND checked_at < $to AND ($only_drifted = 0 OR drifted = 1)
        ORDER BY checked_at, metric, id;
        """;

    public static async Task<IReadOnlyList<ConceptDriftCheck>> ReadAsync(SqliteConnection connection, ModelRange range, bool onlyDrifted, CancellationToken cancellationToken)
    {
        using var command = range.Command(connection, ReadSql);
        command.Parameters.AddWithValue("$only_drifted", onlyDrifted ? 1 : 0);
        var checks = new List<ConceptDriftCheck>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            checks.Add(new ConceptDriftCheck
            {
                Model = reader.GetString(0),
                Metric = reader.GetString(1),
                CheckedAt = UnixMicroseconds.ToTimestamp(reader.GetInt64(2)),
                ReferenceFrom = UnixMicroseconds.ToTimestamp(reader.GetInt64(3)),
                ReferenceTo = UnixMicroseconds.ToTimestamp(reader.GetInt64(4)),
                CurrentFrom = UnixMicroseconds.ToTimestamp(reader.GetInt64(5)),
                CurrentTo = UnixMicroseconds.ToTimestamp(reader.GetInt64(6)),
                ReferenceMean = Real(reader, 7),
                ReferenceCount = reader.GetInt32(8),
                CurrentMean = Real(reader, 9),
                CurrentCount = reader.GetInt32(10),
                TStatistic = Real(reader, 11),
                DegreesOfFreedom = Real(reader, 12),
                PValue = Real(reader, 13),
                DegradationPercent = Real(reader, 14),
                Drifted = reader.GetInt64(15) != 0,
                Severity = reader.IsDBNull(16) ? null : (AlertSeverity)reader.GetInt64(16),
            });
        }

        return checks;
    }

    private static double Real(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? double.NaN : reader.GetDouble(ordinal);
}
