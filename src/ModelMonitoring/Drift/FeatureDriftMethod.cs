namespace ModelMonitoring.Drift;

/// <summary>A drift method chosen for one feature, replacing the automatic choice.</summary>
/// <param name="Method">
/// The name of a method in <see cref="DatasetDriftOptions.Catalog"/>: a built-in one (<see cref="DriftMethods"/>)
/// or one added there.
/// </param>
/// <param name="Threshold">
/// For a statistical test, the p-value below which drift is declared, in (0, 1); for a distance,
/// the value at or above which (or, for a method whose lower statistic means drift, at or below
/// which) drift is declared, positive and finite. <see cref="DriftMethod.DefaultThreshold"/> is the
/// method's usual choice.
/// </param>
public sealed record FeatureDriftMethod(string Method, double Threshold);
