namespace ModelMonitoring.Sqlite.Internal.Schema;

/// <summary>
/// Schema version 13: concept drift checks (<see cref="ModelMonitoring.Storage.IConceptDriftStore"/>), one row per check of a
/// model's realized metric. Times are microseconds since the Unix epoch, the severity an <see cref="ModelMonitoring.Alerting.AlertSeverity"/>
/// number (NULL without drift), NaN statistics NULL; <c>v_concept_drift_checks</c> shows times and severity readably.
/// Self-contained: it creates only its own table, index and view. The version number is the only thing to change when steps are renumbered.
/// </summary>
internal static class ConceptDriftTable
{
    public const int Version = 13;

    public static readonly Migration Migration = new(Version, "concept drift checks", """
        CREATE TABLE concept_drift_checks (
            id INTEGER PRIMARY KEY,
            model TEXT NOT NULL,
            metric TEXT NOT NULL,
            checked_at INTEGER NOT NULL,
            reference_from INTEGER NOT NULL,
            reference_to INTEGER NOT NULL,
            current_from INTEGER NOT NULL,
            current_to INTEGER NOT NULL,
            reference_mean REAL,
            reference_count INTEGER NOT NULL,
            current_mean REAL,
            current_count INTEGER NOT NULL,
            t_statistic REAL,
            degrees_of_freedom REAL,
            p_value REAL,
            degradation_percent REAL,
            drifted INTEGER NOT NULL,
            severity INTEGER
        ) STRICT;

        CREATE INDEX concept_drift_checks_model_checked ON concept_drift_checks (model, checked_at);

        CREATE VIEW v_concept_drift_checks AS
        SELECT c.model AS model, c.metric AS metric,
               strftime('%Y-%m-%dT%H:%M:%fZ', c.checked_at / 1000000.0, 'unixepoch') AS checked_time,
               strftime('%Y-%m-%dT%H:%M:%fZ', c.reference_from / 1000000.0, 'unixepoch') AS reference_from_time,
               strftime('%Y-%m-%dT%H:%M:%fZ', c.reference_to / 1000000.0, 'unixepoch') AS reference_to_time,
               strftime('%Y-%m-%dT%H:%M:%fZ', c.current_from / 1000000.0, 'unixepoch') AS current_from_time,
               strftime('%Y-%m-%dT%H:%M:%fZ', c.current_to / 1000000.0, 'unixepoch') AS current_to_time,
               c.reference_mean AS reference_mean, c.reference_count AS reference_count,
               c.current_mean AS current_mean, c.current_count AS current_count,
               c.t_statistic AS t_statistic, c.degrees_of_freedom AS degrees_of_freedom, c.p_value AS p_value,
               c.degradation_percent AS degradation_percent, c.drifted AS drifted,
               CASE c.severity WHEN 0 THEN 'Info' WHEN 1 THEN 'Warning' WHEN 2 THEN 'Critical' END AS severity
        FROM concept_drift_checks c;
        """);
}
