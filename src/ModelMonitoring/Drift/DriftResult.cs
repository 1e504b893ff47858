namespace ModelMonitoring.Drift;

/// <summary>The outcome of one drift test.</summary>
/// <param name="Method">The method's name.</param>
/// <param name="Statistic">The test statistic or distance.</param>
/// <param name="PValue">The p-value, for statistical tests; <see langword="null"/> for distances.</param>
/// <param name="Threshold">The p-value below which, or the distance at or above which, drift is declared.</param>
/// <param name="DriftDetected">Whether drift was declared.</param>
public sealed record DriftResult(string Method, double Statistic, double? PValue, double Threshold, bool DriftDetected);
