namespace ModelMonitoring.Explainability;

/// <summary>The kind of a stored per-prediction explanation.</summary>
public enum ExplanationKind
{
    /// <summary>Additive feature attributions (SHAP-like): one value per feature and an optional base value.</summary>
    Attributions = 0,

    /// <summary>A LIME explanation: per-feature weights of a local linear surrogate, its intercept and its local score (R²).</summary>
    Lime = 1,
}
