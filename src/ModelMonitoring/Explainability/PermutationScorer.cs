namespace ModelMonitoring.Explainability;

/// <summary>
/// Scores a model's predictions against the labels, greater is better (scikit-learn's scorer convention); see
/// <see cref="PermutationScorers"/> for the common ones.
/// </summary>
/// <param name="labels">The true values or classes (classes as numbers).</param>
/// <param name="predictions">The model's outputs for the same rows.</param>
/// <returns>The score.</returns>
public delegate double PermutationScorer(ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions);
