namespace ModelMonitoring.Statistics;

/// <summary>
/// The outcome of comparing a reference sample with a current sample: a test statistic or a
/// distance, the p-value when the method has one, and the name of the method that produced it.
/// </summary>
/// <param name="Method">The method's name; one of the constants in <see cref="TwoSampleMethods"/>.</param>
/// <param name="Statistic">The test statistic, or the distance for distance measures.</param>
/// <param name="PValue">
/// The p-value of a hypothesis test, or <see langword="null"/> for a distance, which has none.
/// </param>
internal readonly record struct TwoSampleResult(string Method, double Statistic, double? PValue);
