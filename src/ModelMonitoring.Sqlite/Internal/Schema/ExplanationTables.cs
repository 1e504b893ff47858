namespace ModelMonitoring.Sqlite.Internal.Schema;

/// <summary>
/// Schema version 14: explanations of predictions, one row per prediction id and kind (0 attributions, 1 LIME), the latest
/// recorded winning. <c>feature_values</c> is packed float64 (<see cref="Codecs.NumericCodec"/>), one value per feature,
/// numeric features first, in the order of the model row's feature lists. <c>base_value</c> is set for attributions,
/// <c>intercept</c> and <c>score</c> for LIME. Times are microseconds since the Unix epoch.
/// </summary>
internal static class ExplanationTables
{
    /// <summary>The step's number, the one place to change when steps are renumbered.</summary>
    public const int Version = 14;

    public static readonly Migration Migration = new(Version, "explanations: attributions and LIME explanations per prediction", """
        CREATE TABLE explanations (
            prediction_id BLOB NOT NULL,
            kind INTEGER NOT NULL,
            model_id INTEGER NOT NULL REFERENCES models (id),
            ts INTEGER NOT NULL,
            base_value REAL,
            intercept REAL,
            score REAL,
            feature_values BLOB NOT NULL,
            PRIMARY KEY (prediction_id, kind)
        ) STRICT, WITHOUT ROWID;

        CREATE INDEX explanations_model_ts ON explanations (model_id, ts);
        """);
}
