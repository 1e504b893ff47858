namespace ModelMonitoring.Statistics;

/// <summary>
/// Distances between binned distributions: population stability index, Jensen-Shannon,
/// Kullback-Leibler and Hellinger. Distances have no p-value:
/// <see cref="TwoSampleResult.PValue"/> is <see langword="null"/>.
/// </summary>
/// <remarks>
/// <para>
/// All four share one binning. Numeric data use a <see cref="Histogram"/> built from the
/// reference (Sturges bins over the reference range plus an underflow and an overflow bin);
/// categorical data use <see cref="CategoricalCounts.Align{TCategory}"/> (counts over the union
/// of categories). Counts become proportions of their own totals and every empty bin's proportion
/// is replaced by <see cref="EmptyBinProportion"/>, in both samples, before any formula is applied.
/// </para>
/// <para>
/// PSI = Σ (r − c) ln(r / c) on those proportions. Jensen-Shannon and Kullback-Leibler are
/// SciPy's <c>jensenshannon(r, c, base=2)</c> and <c>entropy(r, c)</c> (natural log), which
/// renormalise the proportions to sum to 1; Hellinger is √(Σ (√r − √c)²) / √2 on the same
/// renormalised proportions, so it lies in [0, 1].
/// </para>
/// </remarks>
internal static class BinnedDistances
{
    /// <summary>
    /// The proportion that replaces an empty bin, as in Evidently. The value is 0.0001.
    /// </summary>
    public const double EmptyBinProportion = 1e-4;

    private const int StackBins = 256;

    /// <summary>Population stability index of <paramref name="current"/> against the reference bins.</summary>
    /// <param name="reference">Bins and counts built from the reference sample.</param>
    /// <param name="current">The current sample; non-empty and finite.</param>
    /// <returns>The index; 0 for identical binned distributions.</returns>
    public static TwoSampleResult PopulationStabilityIndex(Histogram reference, ReadOnlySpan<double> current) =>
        Binned(reference, current, TwoSampleMethods.PopulationStabilityIndex, BinnedDivergence.Psi);

    /// <summary>Population stability index between two count vectors over the same bins.</summary>
    /// <param name="reference">Reference counts; non-negative, not all zero.</param>
    /// <param name="current">Current counts, same length; non-negative, not all zero.</param>
    /// <returns>The index; 0 for identical binned distributions.</returns>
    public static TwoSampleResult PopulationStabilityIndex(ReadOnlySpan<long> reference, ReadOnlySpan<long> current) =>
        new(TwoSampleMethods.PopulationStabilityIndex, BinnedDivergence.Psi(reference, current), null);

    /// <summary>Jensen-Shannon distance (base 2, in [0, 1]) against the reference bins.</summary>
    /// <inheritdoc cref="PopulationStabilityIndex(Histogram, ReadOnlySpan{double})"/>
    public static TwoSampleResult JensenShannon(Histogram reference, ReadOnlySpan<double> current) =>
        Binned(reference, current, TwoSampleMethods.JensenShannon, BinnedDivergence.JensenShannon);

    /// <summary>Jensen-Shannon distance (base 2, in [0, 1]) between two count vectors.</summary>
    /// <inheritdoc cref="PopulationStabilityIndex(ReadOnlySpan{long}, ReadOnlySpan{long})"/>
    public static TwoSampleResult JensenShannon(ReadOnlySpan<long> reference, ReadOnlySpan<long> current) =>
        new(TwoSampleMethods.JensenShannon, BinnedDivergence.JensenShannon(reference, current), null);

    /// <summary>Kullback-Leibler divergence KL(reference ‖ current), in nats, against the reference bins.</summary>
    /// <inheritdoc cref="PopulationStabilityIndex(Histogram, ReadOnlySpan{double})"/>
    public static TwoSampleResult KullbackLeibler(Histogram reference, ReadOnlySpan<double> current) =>
        Binned(reference, current, TwoSampleMethods.KullbackLeibler, BinnedDivergence.KullbackLeibler);

    /// <summary>Kullback-Leibler divergence KL(reference ‖ current), in nats, between two count vectors.</summary>
    /// <inheritdoc cref="PopulationStabilityIndex(ReadOnlySpan{long}, ReadOnlySpan{long})"/>
    public static TwoSampleResult KullbackLeibler(ReadOnlySpan<long> reference, ReadOnlySpan<long> current) =>
        new(TwoSampleMethods.KullbackLeibler, BinnedDivergence.KullbackLeibler(reference, current), null);

    /// <summary>Hellinger distance (in [0, 1]) against the reference bins.</summary>
    /// <inheritdoc cref="PopulationStabilityIndex(Histogram, ReadOnlySpan{double})"/>
    public static TwoSampleResult Hellinger(Histogram reference, ReadOnlySpan<double> current) =>
        Binned(reference, current, TwoSampleMethods.Hellinger, BinnedDivergence.Hellinger);

    /// <summary>Hellinger distance (in [0, 1]) between two count vectors.</summary>
    /// <inheritdoc cref="PopulationStabilityIndex(ReadOnlySpan{long}, ReadOnlySpan{long})"/>
    public static TwoSampleResult Hellinger(ReadOnlySpan<long> reference, ReadOnlySpan<long> current) =>
        new(TwoSampleMethods.Hellinger, BinnedDivergence.Hellinger(reference, current), null);

    private static TwoSampleResult Binned(Histogram reference, ReadOnlySpan<double> current, string method, Divergence divergence)
    {
        ArgumentNullException.ThrowIfNull(reference);
        SampleGuard.NotEmpty(current.Length, nameof(current));
        var counts = reference.BinCount <= StackBins ? stackalloc long[reference.BinCount] : new long[reference.BinCount];
        counts.Clear();
        reference.CountInto(current, counts, nameof(current));
        return new TwoSampleResult(method, divergence(reference.ReferenceCounts, counts), null);
    }

    private delegate double Divergence(ReadOnlySpan<long> reference, ReadOnlySpan<long> current);
}
