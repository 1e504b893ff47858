namespace ModelMonitoring.PostgreSql.Internal.Schema;

/// <summary>
/// Explanations of predictions, one row per prediction id and kind (0 attributions, 1 LIME), the latest recorded winning:
/// one value per feature in <c>feature_values</c>, numeric features first, in the order of the model row's feature lists;
/// <c>base_value</c> for attributions, <c>intercept</c> and <c>score</c> for LIME.
/// </summary>
internal static class ExplanationTables
{
    /// <summary>The step's number, the one place to change when steps are renumbered.</summary>
    public const int Version = 12;

    public static readonly Migration Migration = new(Version, "explanations: attributions and LIME explanations per prediction", """
        CREATE TABLE {schema}.explanations (
            prediction_id uuid NOT NULL,
            kind smallint NOT NULL,
            model_id integer NOT NULL REFERENCES {schema}.models (id),
            ts timestamptz NOT NULL,
            base_value double precision,
            intercept double precision,
            score double precision,
            feature_values double precision[] NOT NULL,
            PRIMARY KEY (prediction_id, kind)
        );

        CREATE INDEX explanations_model_ts ON {schema}.explanations (model_id, ts);
        """);
}
