namespace ModelMonitoring.PostgreSql.Internal.Schema;

/// <summary>
/// A model keeps its classes (<see cref="ModelSchema.Classes"/>) in <c>models.classes</c>, a <c>text[]</c> as its feature
/// names are; empty when it declares none, and for every model stored before until the pipeline registers it again (a
/// constant default changes only the catalog). <c>v_predictions</c> gains <c>class_probabilities</c>, the prediction's
/// probabilities as a <c>json</c> object keyed by class name in the model's order (<c>json</c>, not <c>jsonb</c>, which
/// would reorder the keys); NULL for a prediction without any.
/// </summary>
/// <remarks>
/// The values are PostgreSQL's shortest text that reads back as the stored <c>double precision</c>, so they are exact. When
/// the model row does not name as many classes as the prediction has probabilities (a prediction stored before this step
/// whose model the pipeline has not registered since), the column is a JSON array of the values in order instead.
/// <c>CREATE OR REPLACE VIEW</c> may only append columns, which keeps every query of the view working.
/// </remarks>
internal static class ModelClassesColumn
{
    /// <summary>The step's number, the one place to change when steps are renumbered.</summary>
    public const int Version = 15;

    public static readonly Migration Migration = new(Version, "classes of models; class probabilities in v_predictions", """
        ALTER TABLE {schema}.models ADD COLUMN classes text[] NOT NULL DEFAULT '{}';

        CREATE OR REPLACE VIEW {schema}.v_predictions AS
        SELECT p.ts AS time, m.name AS model, m.version AS version, m.environment AS environment,
               p.prediction_id, p.latency_ms, p.status, p.error_kind, p.predicted_class, p.predicted_value, p.confidence, p.segment,
               m.numeric_features AS numeric_feature_names, p.numeric_features, m.categorical_features AS categorical_feature_names, p.categorical_features,
               g.actual_class, g.actual_value, g.ts AS labelled_at,
               CASE WHEN p.predicted_class IS NULL OR g.actual_class IS NULL THEN NULL ELSE p.predicted_class = g.actual_class END AS correct,
               CASE WHEN p.class_probabilities IS NULL THEN NULL
                    WHEN cardinality(m.classes) = cardinality(p.class_probabilities) THEN (
                        SELECT json_object_agg(c.name, c.probability ORDER BY c.position)
                        FROM unnest(m.classes, p.class_probabilities) WITH ORDINALITY AS c (name, probability, position))
                    ELSE to_json(p.class_probabilities) END AS class_probabilities
        FROM {schema}.predictions p
        JOIN {schema}.models m ON m.id = p.model_id
        LEFT JOIN {schema}.ground_truth g ON g.prediction_id = p.prediction_id;
        """);
}
