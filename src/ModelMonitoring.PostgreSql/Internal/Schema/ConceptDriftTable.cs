namespace ModelMonitoring.PostgreSql.Internal.Schema;

/// <summary>
/// Concept drift checks (<see cref="ModelMonitoring.Storage.IConceptDriftStore"/>): one row per check of a model's realized
/// metric, read by model and time. NaN statistics are NULL; the severity is NULL without drift. The version number is the
/// only thing to change when steps are renumbered.
/// </summary>
internal static class ConceptDriftTable
{
    public const int Version = 11;

    public static readonly Migration Migration = new(Version, "concept drift checks", """
        CREATE TABLE {schema}.concept_drift_checks (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            model text NOT NULL,
            metric text NOT NULL,
            checked_at timestamptz NOT NULL,
            reference_from timestamptz NOT NULL,
            reference_to timestamptz NOT NULL,
            current_from timestamptz NOT NULL,
            current_to timestamptz NOT NULL,
            reference_mean double precision,
            reference_count integer NOT NULL,
            current_mean double precision,
            current_count integer NOT NULL,
            t_statistic double precision,
            degrees_of_freedom double precision,
            p_value double precision,
            degradation_percent double precision,
            drifted boolean NOT NULL,
            severity text CHECK (severity IN ('Info', 'Warning', 'Critical'))
        );

        CREATE INDEX concept_drift_checks_model_checked ON {schema}.concept_drift_checks (model, checked_at);
        """);
}
