namespace ModelMonitoring.Statistics;

/// <summary>
/// Distances between the empirical distributions of two numeric samples, matching SciPy 1.10.
/// Distances have no p-value: <see cref="TwoSampleResult.PValue"/> is <see langword="null"/>.
/// </summary>
/// <remarks>
/// Inputs must be non-empty and finite: an empty sample, NaN or an infinity throws
/// <see cref="ArgumentException"/> naming the offending parameter. One value per sample is
/// allowed; identical samples give 0.
/// </remarks>
internal static class DistributionDistances
{
    /// <summary>
    /// The smallest floor on the reference standard deviation used by
    /// <see cref="NormedWasserstein(ReadOnlySpan{double}, ReadOnlySpan{double})"/>. The value is 0.001.
    /// </summary>
    public const double MinimumNormalizer = 0.001;

    /// <summary>
    /// First Wasserstein (earth mover's) distance, as <c>scipy.stats.wasserstein_distance</c>:
    /// ∫ |F_r(x) − F_c(x)| dx between the empirical CDFs.
    /// </summary>
    /// <param name="reference">The reference sample.</param>
    /// <param name="current">The current sample.</param>
    /// <returns>The distance, in the data's units.</returns>
    public static TwoSampleResult Wasserstein(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        SortedInputs.Run(reference, current, WassersteinSorted);

    /// <inheritdoc cref="Wasserstein(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    public static TwoSampleResult Wasserstein(SortedSample reference, ReadOnlySpan<double> current) =>
        SortedInputs.Run(reference, current, WassersteinSorted);

    /// <inheritdoc cref="Wasserstein(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    public static TwoSampleResult Wasserstein(SortedSample reference, SortedSample current) =>
        SortedInputs.Run(reference, current, WassersteinSorted);

    /// <summary>
    /// The first Wasserstein distance divided by the reference's population standard deviation
    /// (<c>np.std</c>, divisor n), floored at <see cref="MinimumNormalizer"/>, as Evidently's
    /// normed Wasserstein drift metric: <c>wasserstein_distance(r, c) / max(np.std(r), 0.001)</c>.
    /// </summary>
    /// <remarks>The floor keeps a constant reference from dividing by zero.</remarks>
    /// <param name="reference">The reference sample.</param>
    /// <param name="current">The current sample.</param>
    /// <returns>The distance in units of the reference's standard deviation.</returns>
    public static TwoSampleResult NormedWasserstein(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        var distance = Wasserstein(reference, current).Statistic;
        return Normed(distance, Moments.PopulationStandardDeviation(reference));
    }

    /// <inheritdoc cref="NormedWasserstein(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    public static TwoSampleResult NormedWasserstein(SortedSample reference, ReadOnlySpan<double> current)
    {
        var distance = Wasserstein(reference, current).Statistic;
        return Normed(distance, reference.PopulationStandardDeviation);
    }

    /// <inheritdoc cref="NormedWasserstein(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    public static TwoSampleResult NormedWasserstein(SortedSample reference, SortedSample current)
    {
        var distance = Wasserstein(reference, current).Statistic;
        return Normed(distance, reference.PopulationStandardDeviation);
    }

    /// <summary>
    /// Energy distance, as <c>scipy.stats.energy_distance</c>: √2 · (∫ (F_r(x) − F_c(x))² dx)^½.
    /// </summary>
    /// <param name="reference">The reference sample.</param>
    /// <param name="current">The current sample.</param>
    /// <returns>The distance.</returns>
    public static TwoSampleResult EnergyDistance(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        SortedInputs.Run(reference, current, EnergySorted);

    /// <inheritdoc cref="EnergyDistance(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    public static TwoSampleResult EnergyDistance(SortedSample reference, ReadOnlySpan<double> current) =>
        SortedInputs.Run(reference, current, EnergySorted);

    /// <inheritdoc cref="EnergyDistance(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    public static TwoSampleResult EnergyDistance(SortedSample reference, SortedSample current) =>
        SortedInputs.Run(reference, current, EnergySorted);

    private static TwoSampleResult WassersteinSorted(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        new(TwoSampleMethods.Wasserstein, CdfDistance.Wasserstein(reference, current), null);

    private static TwoSampleResult EnergySorted(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        new(TwoSampleMethods.EnergyDistance, CdfDistance.Energy(reference, current), null);

    private static TwoSampleResult Normed(double distance, double standardDeviation) =>
        new(TwoSampleMethods.NormedWasserstein, distance / Math.Max(standardDeviation, MinimumNormalizer), null);
}
