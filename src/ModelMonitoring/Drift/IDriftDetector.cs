namespace ModelMonitoring.Drift;

/// <summary>
/// Decides whether current data was drawn from a different distribution than a reference profile.
/// <see cref="DatasetDriftDetector"/> is the built-in implementation (automatic method choice per
/// feature); continuous drift checks run the registered detectors against each model's reference.
/// </summary>
/// <remarks>
/// In continuous checks (detectors added with <c>AddDriftDetector</c>), the worker calls
/// <see cref="Detect"/> on its own thread with columns it lends: their rows are not in arrival
/// order, and they are valid only during the call and must not be modified. Categorical columns
/// leave out null values. An exception is logged and counted as a failed check; the other
/// detectors still run. The stored detector name is the type name.
/// </remarks>
public interface IDriftDetector
{
    /// <summary>Compares current columns with a reference profile, feature by feature.</summary>
    /// <param name="reference">The reference profile (sorted and binned once, reused by every check).</param>
    /// <param name="numericColumns">Current numeric columns by feature name.</param>
    /// <param name="categoricalColumns">Current categorical columns by feature name, or <see langword="null"/> for none.</param>
    /// <returns>The per-feature results and the dataset verdict.</returns>
    DatasetDriftResult Detect(
        ReferenceProfile reference,
        IReadOnlyDictionary<string, double[]> numericColumns,
        IReadOnlyDictionary<string, string[]>? categoricalColumns = null);
}
