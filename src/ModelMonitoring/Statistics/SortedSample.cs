using System.Buffers;

namespace ModelMonitoring.Statistics;

/// <summary>
/// A sample sorted once and kept for repeated comparisons, so that a reference window can be
/// tested against many current windows without copying or re-sorting it each time.
/// </summary>
/// <remarks>
/// Values must be finite: NaN and infinities are rejected when the sample is created. The mean
/// and the unbiased (n − 1) variance are computed once, for the t-tests and the normed
/// Wasserstein distance.
/// <para>
/// Public as <see cref="Drift.FeatureProfile.Sample"/>, the reference a custom
/// <see cref="Drift.DriftMethod"/> compares current values with; the built-in tests that run on it
/// are reached through their <see cref="Drift.DriftMethod"/> descriptors.
/// </para>
/// </remarks>
public sealed class SortedSample
{
    private readonly double[] _values;

    private SortedSample(double[] values)
    {
        _values = values;
        (Mean, Variance) = Moments.MeanAndVariance(values);
        PopulationStandardDeviation = Moments.PopulationStandardDeviation(values);
    }

    private SortedSample(double[] values, double mean, double variance, double populationStandardDeviation)
    {
        _values = values;
        Mean = mean;
        Variance = variance;
        PopulationStandardDeviation = populationStandardDeviation;
    }

    /// <summary>Gets the number of values.</summary>
    public int Count => _values.Length;

    /// <summary>Gets the values in ascending order.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>Gets the arithmetic mean.</summary>
    public double Mean { get; }

    /// <summary>
    /// Gets the unbiased sample variance (divisor n − 1); <see cref="double.NaN"/> when the sample
    /// has a single value.
    /// </summary>
    public double Variance { get; }

    // np.std (divisor n), for the normed Wasserstein distance.
    internal double PopulationStandardDeviation { get; }

    /// <summary>Copies and sorts <paramref name="values"/>.</summary>
    /// <param name="values">The observations; must be non-empty and finite.</param>
    /// <returns>The sorted sample.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="values"/> is empty or contains NaN or an infinity.
    /// </exception>
    public static SortedSample Create(ReadOnlySpan<double> values)
    {
        SampleGuard.NotEmpty(values.Length, nameof(values));
        var sorted = new double[values.Length];
        SampleSorter.CopySorted(values, sorted, nameof(values));
        return new SortedSample(sorted);
    }

    // Restores a stored sample as it was: the values are already sorted and the moments are kept bit for bit.
    internal static SortedSample FromStored(double[] sorted, double mean, double variance, double populationStandardDeviation) =>
        new(sorted, mean, variance, populationStandardDeviation);

    // Sorts a current window into a pooled buffer; the caller returns the buffer.
    internal static double[] RentSorted(ReadOnlySpan<double> values, string paramName, out ReadOnlySpan<double> sorted)
    {
        SampleGuard.NotEmpty(values.Length, paramName);
        var buffer = ArrayPool<double>.Shared.Rent(values.Length);
        try
        {
            SampleSorter.CopySorted(values, buffer, paramName);
        }
        catch
        {
            ArrayPool<double>.Shared.Return(buffer);
            throw;
        }

        sorted = buffer.AsSpan(0, values.Length);
        return buffer;
    }
}
