namespace ModelMonitoring.Statistics;

/// <summary>
/// Two-sided tests of a difference in means or proportions, matching SciPy 1.10.
/// </summary>
/// <remarks>
/// Numeric inputs must be finite (NaN or an infinity throws <see cref="ArgumentException"/>
/// naming the parameter) and each sample needs at least 2 values, since the sample variance is
/// undefined for one (SciPy returns NaN there; we throw instead).
/// </remarks>
internal static class ParametricTests
{
    private const string TTestName = "The t-test";

    /// <summary>
    /// Welch's unequal-variance t-test, as <c>scipy.stats.ttest_ind(reference, current,
    /// equal_var=False)</c>.
    /// </summary>
    /// <remarks>
    /// t = (mean_r − mean_c) / √(s²_r/n_r + s²_c/n_c) with Welch-Satterthwaite degrees of freedom.
    /// Constant samples with different means give ±∞ and p-value 0; constant samples with equal
    /// means give NaN for both, as in SciPy.
    /// </remarks>
    /// <param name="reference">The reference sample.</param>
    /// <param name="current">The current sample.</param>
    /// <returns>The statistic t and its p-value.</returns>
    public static TwoSampleResult WelchTTest(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        var (r, c) = Summaries(reference, current);
        return TTest.Welch(r.Mean, r.Variance, r.Count, c.Mean, c.Variance, c.Count);
    }

    /// <inheritdoc cref="WelchTTest(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    public static TwoSampleResult WelchTTest(SortedSample reference, ReadOnlySpan<double> current)
    {
        var (r, c) = Summaries(reference, current);
        return TTest.Welch(r.Mean, r.Variance, r.Count, c.Mean, c.Variance, c.Count);
    }

    /// <inheritdoc cref="WelchTTest(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    public static TwoSampleResult WelchTTest(SortedSample reference, SortedSample current)
    {
        var (r, c) = (Summarise(reference, nameof(reference)), Summarise(current, nameof(current)));
        return TTest.Welch(r.Mean, r.Variance, r.Count, c.Mean, c.Variance, c.Count);
    }

    /// <summary>
    /// Student's pooled-variance t-test, as <c>scipy.stats.ttest_ind(reference, current,
    /// equal_var=True)</c>.
    /// </summary>
    /// <remarks>
    /// Degrees of freedom n_r + n_c − 2. Constant data behave as for
    /// <see cref="WelchTTest(ReadOnlySpan{double}, ReadOnlySpan{double})"/>.
    /// </remarks>
    /// <param name="reference">The reference sample.</param>
    /// <param name="current">The current sample.</param>
    /// <returns>The statistic t and its p-value.</returns>
    public static TwoSampleResult StudentTTest(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        var (r, c) = Summaries(reference, current);
        return TTest.Student(r.Mean, r.Variance, r.Count, c.Mean, c.Variance, c.Count);
    }

    /// <inheritdoc cref="StudentTTest(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    public static TwoSampleResult StudentTTest(SortedSample reference, ReadOnlySpan<double> current)
    {
        var (r, c) = Summaries(reference, current);
        return TTest.Student(r.Mean, r.Variance, r.Count, c.Mean, c.Variance, c.Count);
    }

    /// <inheritdoc cref="StudentTTest(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    public static TwoSampleResult StudentTTest(SortedSample reference, SortedSample current)
    {
        var (r, c) = (Summarise(reference, nameof(reference)), Summarise(current, nameof(current)));
        return TTest.Student(r.Mean, r.Variance, r.Count, c.Mean, c.Variance, c.Count);
    }

    /// <summary>
    /// Two-sided Z-test for the difference of two proportions, with the pooled standard error.
    /// </summary>
    /// <remarks>
    /// z = (p_r − p_c) / √(p̂(1 − p̂)(1/n_r + 1/n_c)), with p̂ the pooled proportion
    /// (x_r + x_c) / (n_r + n_c), and p-value 2·P(Z ≥ |z|). This is the textbook test (and
    /// statsmodels' <c>proportions_ztest</c> default); SciPy has no such function. When p̂ is 0 or
    /// 1 both samples are all failures or all successes: the result is z = 0, p-value 1.
    /// </remarks>
    /// <param name="referenceSuccesses">Successes in the reference sample.</param>
    /// <param name="referenceTrials">Size of the reference sample; positive.</param>
    /// <param name="currentSuccesses">Successes in the current sample.</param>
    /// <param name="currentTrials">Size of the current sample; positive.</param>
    /// <returns>The statistic z and its p-value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A trial count is not positive, or a success count is negative or exceeds its trials.
    /// </exception>
    public static TwoSampleResult ProportionsZTest(
        long referenceSuccesses, long referenceTrials, long currentSuccesses, long currentTrials)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(referenceTrials);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(currentTrials);
        ArgumentOutOfRangeException.ThrowIfNegative(referenceSuccesses);
        ArgumentOutOfRangeException.ThrowIfNegative(currentSuccesses);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(referenceSuccesses, referenceTrials);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(currentSuccesses, currentTrials);
        return Statistics.ProportionsZTest.Test(referenceSuccesses, referenceTrials, currentSuccesses, currentTrials);
    }

    private static (Summary Reference, Summary Current) Summaries(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        (Summarise(reference, nameof(reference)), Summarise(current, nameof(current)));

    private static (Summary Reference, Summary Current) Summaries(SortedSample reference, ReadOnlySpan<double> current) =>
        (Summarise(reference, nameof(reference)), Summarise(current, nameof(current)));

    private static Summary Summarise(SortedSample sample, string paramName)
    {
        ArgumentNullException.ThrowIfNull(sample, paramName);
        SampleGuard.AtLeast(sample.Count, 2, paramName, TTestName);
        return new Summary(sample.Mean, sample.Variance, sample.Count);
    }

    private static Summary Summarise(ReadOnlySpan<double> values, string paramName)
    {
        SampleGuard.AtLeast(values.Length, 2, paramName, TTestName);
        SampleGuard.Finite(values, paramName);
        var (mean, variance) = Moments.MeanAndVariance(values);
        return new Summary(mean, variance, values.Length);
    }

    private readonly record struct Summary(double Mean, double Variance, long Count);
}
