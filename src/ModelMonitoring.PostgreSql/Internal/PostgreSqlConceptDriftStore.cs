using ModelMonitoring.Alerting;
using ModelMonitoring.PostgreSql.Internal.Reading;
using ModelMonitoring.Storage;
using Npgsql;
using NpgsqlTypes;

namespace ModelMonitoring.PostgreSql.Internal;

/// <summary>Concept drift checks in <c>concept_drift_checks</c>, shared by every replica (only the leader writes them).</summary>
internal sealed class PostgreSqlConceptDriftStore(PostgreSqlMonitoringStore store) : IConceptDriftStore
{
    private const string InsertSql = """
        INSERT INTO {schema}.concept_drift_checks (model, metric, checked_at, reference_from, reference_to, current_from, current_to,
            reference_mean, reference_count, current_mean, current_count, t_statistic, degrees_of_freedom, p_value,
            degradation_percent, drifted, severity)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17);
        """;

    private const string ReadSql = """
        SELECT model, metric, checked_at, reference_from, reference_to, current_from, current_to, reference_mean, reference_count,
               current_mean, current_count, t_statistic, degrees_of_freedom, p_value, degradation_percent, drifted, severity
        FROM {schema}.concept_drift_checks
        WHERE model = $1 AND checked_at >= $2 AND checked_at < $3 AND (NOT $4 OR drifted)
        ORDER BY checked_at, metric, id;
        """;

    public async Task SaveConceptDriftCheckAsync(ConceptDriftCheck check, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentException.ThrowIfNullOrEmpty(check.Model, nameof(check));
        ArgumentException.ThrowIfNullOrEmpty(check.Metric, nameof(check));
        using var connection = await store.OpenMigratedConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand(store.Sql[InsertSql], connection) { CommandTimeout = store.CommandTimeout };
        Parameters.AddTo(
            command.Parameters,
            Parameters.Text(check.Model),
            Parameters.Text(check.Metric),
            Parameters.Timestamp(check.CheckedAt),
            Parameters.Timestamp(check.ReferenceFrom),
            Parameters.Timestamp(check.ReferenceTo),
            Parameters.Timestamp(check.CurrentFrom),
            Parameters.Timestamp(check.CurrentTo),
            Real(check.ReferenceMean),
            Parameters.Integer(check.ReferenceCount),
            Real(check.CurrentMean),
            Parameters.Integer(check.CurrentCount),
            Real(check.TStatistic),
            Real(check.DegreesOfFreedom),
            Real(check.PValue),
            Real(check.DegradationPercent),
            Parameters.Of(check.Drifted, NpgsqlDbType.Boolean),
            Parameters.Text(check.Severity is { } severity ? EnumText.Name(severity) : null));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ConceptDriftCheck>> GetConceptDriftAsync(string model, DateTimeOffset from, DateTimeOffset to, bool onlyDrifted = false, CancellationToken cancellationToken = default)
    {
        var range = ModelRange.Create(model, from, to);
        using var connection = await store.OpenMigratedConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var command = range.Command(connection, store.Sql, ReadSql);
        command.CommandTimeout = store.CommandTimeout;
        command.Parameters.Add(Parameters.Of(onlyDrifted, NpgsqlDbType.Boolean));
        var checks = new List<ConceptDriftCheck>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            checks.Add(new ConceptDriftCheck
            {
                Model = reader.GetString(0),
                Metric = reader.GetString(1),
                CheckedAt = Timestamps.FromStored(reader.GetDateTime(2)),
                ReferenceFrom = Timestamps.FromStored(reader.GetDateTime(3)),
                ReferenceTo = Timestamps.FromStored(reader.GetDateTime(4)),
                CurrentFrom = Timestamps.FromStored(reader.GetDateTime(5)),
                CurrentTo = Timestamps.FromStored(reader.GetDateTime(6)),
                ReferenceMean = Real(reader, 7),
                ReferenceCount = reader.GetInt32(8),
                CurrentMean = Real(reader, 9),
                CurrentCount = reader.GetInt32(10),
                TStatistic = Real(reader, 11),
                DegreesOfFreedom = Real(reader, 12),
                PValue = Real(reader, 13),
                DegradationPercent = Real(reader, 14),
                Drifted = reader.GetBoolean(15),
                Severity = reader.IsDBNull(16) ? null : EnumText.Parse<AlertSeverity>(reader.GetString(16)),
            });
        }

        return checks;
    }

    // NaN is stored as NULL, as in the SQLite provider; infinities are kept.
    private static NpgsqlParameter Real(double value) => Parameters.Double(double.IsNaN(value) ? null : value);

    private static double Real(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? double.NaN : reader.GetDouble(ordinal);
}
