namespace ModelMonitoring.Statistics;

/// <summary>Tests on categorical data given as aligned counts per category.</summary>
internal static class CategoricalTests
{
    /// <summary>
    /// Pearson's chi-square test of homogeneity on the 2×k table whose rows are the two count
    /// vectors, as <c>scipy.stats.chi2_contingency(table, correction=False)</c>.
    /// </summary>
    /// <remarks>
    /// Degrees of freedom are k − 1, counting only categories observed in at least one sample:
    /// a category empty in both is dropped (SciPy raises for it, because its expected frequency
    /// is zero). A category seen in only one sample is kept. With a single observed category the
    /// result is statistic 0 and p-value 1, as SciPy.
    /// </remarks>
    /// <param name="reference">Reference counts per category; non-negative, not all zero.</param>
    /// <param name="current">Current counts over the same categories; non-negative, not all zero.</param>
    /// <returns>The chi-square statistic and its p-value.</returns>
    /// <exception cref="ArgumentException">
    /// The vectors differ in length, a count is negative, or a vector has no observations.
    /// </exception>
    public static TwoSampleResult ChiSquare(ReadOnlySpan<long> reference, ReadOnlySpan<long> current) =>
        Statistics.ChiSquare.Test(reference, current);

    /// <inheritdoc cref="ChiSquare(ReadOnlySpan{long}, ReadOnlySpan{long})"/>
    /// <typeparam name="TCategory">The label type.</typeparam>
    /// <param name="counts">Counts aligned by <see cref="CategoricalCounts.Align{TCategory}"/>.</param>
    public static TwoSampleResult ChiSquare<TCategory>(AlignedCounts<TCategory> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return Statistics.ChiSquare.Test(counts.Reference, counts.Current);
    }
}
