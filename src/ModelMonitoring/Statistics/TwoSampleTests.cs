namespace ModelMonitoring.Statistics;

/// <summary>
/// Nonparametric two-sample tests on numeric data, matching SciPy 1.10's defaults. Each method
/// takes the samples as spans, or a reference <see cref="SortedSample"/> built once and reused.
/// </summary>
/// <remarks>
/// Inputs must be non-empty and finite: an empty sample, NaN or an infinity throws
/// <see cref="ArgumentException"/> naming the offending parameter. Raw spans are copied and
/// sorted into pooled buffers; they are never modified.
/// </remarks>
internal static class TwoSampleTests
{
    /// <summary>
    /// Two-sided two-sample Kolmogorov-Smirnov test, as <c>scipy.stats.ks_2samp</c> with
    /// <c>method='auto'</c>.
    /// </summary>
    /// <remarks>
    /// The statistic is the largest distance between the empirical CDFs. When both samples have at
    /// most 10,000 values the p-value is exact (Hodges' lattice-path counts) and the statistic is
    /// reported rounded to the lattice h / lcm(n, m), as SciPy does; should the exact computation
    /// fail numerically, or for larger samples, the p-value is the one-sample two-sided
    /// Kolmogorov distribution at the effective size round(nm / (n + m)). One value per sample is
    /// allowed; identical or constant samples give statistic 0 and p-value 1.
    /// </remarks>
    /// <param name="reference">The reference sample.</param>
    /// <param name="current">The current sample.</param>
    /// <returns>The statistic D and its p-value.</returns>
    public static TwoSampleResult KolmogorovSmirnov(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        SortedInputs.Run(reference, current, Statistics.KolmogorovSmirnov.Test);

    /// <inheritdoc cref="KolmogorovSmirnov(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    public static TwoSampleResult KolmogorovSmirnov(SortedSample reference, ReadOnlySpan<double> current) =>
        SortedInputs.Run(reference, current, Statistics.KolmogorovSmirnov.Test);

    /// <inheritdoc cref="KolmogorovSmirnov(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    public static TwoSampleResult KolmogorovSmirnov(SortedSample reference, SortedSample current) =>
        SortedInputs.Run(reference, current, Statistics.KolmogorovSmirnov.Test);

    /// <summary>
    /// Two-sided Mann-Whitney U test, as <c>scipy.stats.mannwhitneyu</c> with its defaults
    /// (<c>use_continuity=True</c>, <c>method='auto'</c>).
    /// </summary>
    /// <remarks>
    /// The statistic is U of <paramref name="reference"/> (its midrank sum minus n(n + 1)/2). The
    /// p-value is exact when either sample has at most 8 values and no value is repeated;
    /// otherwise it is the normal approximation with tie-corrected variance and continuity
    /// correction. Constant data (every value equal) gives p-value 1.
    /// </remarks>
    /// <param name="reference">The reference sample.</param>
    /// <param name="current">The current sample.</param>
    /// <returns>The statistic U and its p-value.</returns>
    public static TwoSampleResult MannWhitneyU(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        SortedInputs.Run(reference, current, MannWhitney.Test);

    /// <inheritdoc cref="MannWhitneyU(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    public static TwoSampleResult MannWhitneyU(SortedSample reference, ReadOnlySpan<double> current) =>
        SortedInputs.Run(reference, current, MannWhitney.Test);

    /// <inheritdoc cref="MannWhitneyU(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    public static TwoSampleResult MannWhitneyU(SortedSample reference, SortedSample current) =>
        SortedInputs.Run(reference, current, MannWhitney.Test);

    /// <summary>
    /// Anderson-Darling k-sample test with two samples, as <c>scipy.stats.anderson_ksamp</c> with
    /// <c>midrank=True</c>.
    /// </summary>
    /// <remarks>
    /// The statistic is SciPy's standardised A² (midrank version, valid with ties). The p-value is
    /// SciPy's <c>significance_level</c>: interpolated from Scholz and Stephens' critical values,
    /// so it is capped at 0.25 and floored at 0.001 (SciPy warns when it caps or floors; the
    /// returned value is the same). Needs at least 4 values in total and at least two distinct
    /// values across both samples; otherwise <see cref="ArgumentException"/> (SciPy raises too).
    /// </remarks>
    /// <param name="reference">The reference sample.</param>
    /// <param name="current">The current sample.</param>
    /// <returns>The standardised statistic and its approximate p-value in [0.001, 0.25].</returns>
    public static TwoSampleResult AndersonDarling(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        SortedInputs.Run(reference, current, Statistics.AndersonDarling.Test);

    /// <inheritdoc cref="AndersonDarling(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    public static TwoSampleResult AndersonDarling(SortedSample reference, ReadOnlySpan<double> current) =>
        SortedInputs.Run(reference, current, Statistics.AndersonDarling.Test);

    /// <inheritdoc cref="AndersonDarling(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    public static TwoSampleResult AndersonDarling(SortedSample reference, SortedSample current) =>
        SortedInputs.Run(reference, current, Statistics.AndersonDarling.Test);

    /// <summary>
    /// Two-sample Cramér-von Mises test, as <c>scipy.stats.cramervonmises_2samp</c> with
    /// <c>method='auto'</c>.
    /// </summary>
    /// <remarks>
    /// The statistic is Anderson's T computed from midranks. The p-value is exact when both samples
    /// have at most 20 values (the exact distribution ignores ties, as SciPy's), otherwise from the
    /// limiting distribution, which is 1 for a standardised statistic below 0.003. Each sample needs
    /// at least 2 values; otherwise <see cref="ArgumentException"/> (SciPy raises too).
    /// </remarks>
    /// <param name="reference">The reference sample.</param>
    /// <param name="current">The current sample.</param>
    /// <returns>The statistic T and its p-value.</returns>
    public static TwoSampleResult CramerVonMises(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        SortedInputs.Run(reference, current, Statistics.CramerVonMises.Test);

    /// <inheritdoc cref="CramerVonMises(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    public static TwoSampleResult CramerVonMises(SortedSample reference, ReadOnlySpan<double> current) =>
        SortedInputs.Run(reference, current, Statistics.CramerVonMises.Test);

    /// <inheritdoc cref="CramerVonMises(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    public static TwoSampleResult CramerVonMises(SortedSample reference, SortedSample current) =>
        SortedInputs.Run(reference, current, Statistics.CramerVonMises.Test);
}
