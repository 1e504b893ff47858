namespace ModelMonitoring.Drift;

/// <summary>A drift method chosen for one feature, replacing the automatic choice.</summary>
/// <param name="Method">One of the names in <see cref="DriftMethods"/>.</param>
/// <param name="Threshold">
/// For a statistical test, the p-value below which drift is declared, in (0, 1); for a distance,
/// the value at or above which drift is declared, positive and finite.
/// </param>
public sealed record FeatureDriftMethod(string Method, double Threshold);
