namespace ModelMonitoring.Explainability;

/// <summary>
/// A model the built-in explainers call: predicts one output per row for a batch of rows.
/// </summary>
/// <param name="rows">
/// The rows, row-major: <c>outputs.Length</c> rows of the explainer's feature count each (row <c>r</c>, feature
/// <c>j</c> is <c>rows[r * featureCount + j]</c>). Valid only during the call.
/// </param>
/// <param name="outputs">Receives one prediction per row (a score, a probability, a regression value).</param>
/// <remarks>
/// Explainers evaluate many perturbed rows per explanation (Kernel SHAP's exact mode with 10 features and 100
/// background rows evaluates 102,400), so they hand them over in batches of up to a few thousand rows, in buffers
/// they reuse. The delegate must be deterministic (the same row gives the same output) and must not keep the spans.
/// </remarks>
public delegate void BatchPredictor(ReadOnlySpan<double> rows, Span<double> outputs);
