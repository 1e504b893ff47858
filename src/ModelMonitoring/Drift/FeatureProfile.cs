using ModelMonitoring.Statistics;

namespace ModelMonitoring.Drift;

/// <summary>
/// Summary statistics of one numeric feature's reference values, with the sorted values and the
/// histogram kept so that drift checks reuse them instead of sorting or binning the reference again.
/// </summary>
/// <remarks>
/// Quartiles use linear interpolation, as <c>np.quantile</c>'s default; skewness and excess
/// kurtosis use biased central moments, as <c>scipy.stats.skew(x)</c> and
/// <c>scipy.stats.kurtosis(x)</c> with their defaults (both NaN for a constant feature).
/// </remarks>
public sealed class FeatureProfile
{
    private FeatureProfile(string name, SortedSample sample, Histogram histogram)
    {
        Name = name;
        Sample = sample;
        Histogram = histogram;
        var sorted = sample.Values;
        Quartile1 = Descriptive.Quantile(sorted, 0.25);
        Median = Descriptive.Quantile(sorted, 0.5);
        Quartile3 = Descriptive.Quantile(sorted, 0.75);
        (Skewness, ExcessKurtosis) = Descriptive.Shape(sorted, sample.Mean);
    }

    private FeatureProfile(string name, SortedSample sample, Histogram histogram, StoredShape shape)
    {
        Name = name;
        Sample = sample;
        Histogram = histogram;
        (Quartile1, Median, Quartile3, Skewness, ExcessKurtosis) = shape;
    }

    /// <summary>Gets the feature's name.</summary>
    public string Name { get; }

    /// <summary>Gets the number of reference values.</summary>
    public int Count => Sample.Count;

    /// <summary>Gets the arithmetic mean.</summary>
    public double Mean => Sample.Mean;

    /// <summary>Gets the sample standard deviation (divisor n − 1); NaN for a single value.</summary>
    public double StandardDeviation => Math.Sqrt(Sample.Variance);

    /// <summary>Gets the smallest value.</summary>
    public double Min => Sample.Values[0];

    /// <summary>Gets the largest value.</summary>
    public double Max => Sample.Values[^1];

    /// <summary>Gets the 25th percentile.</summary>
    public double Quartile1 { get; }

    /// <summary>Gets the 50th percentile.</summary>
    public double Median { get; }

    /// <summary>Gets the 75th percentile.</summary>
    public double Quartile3 { get; }

    /// <summary>Gets the skewness (biased, as <c>scipy.stats.skew</c>).</summary>
    public double Skewness { get; }

    /// <summary>Gets the excess (Fisher) kurtosis (biased, as <c>scipy.stats.kurtosis</c>).</summary>
    public double ExcessKurtosis { get; }

    /// <summary>Gets the reference values, sorted once for the rank and CDF based methods.</summary>
    public SortedSample Sample { get; }

    /// <summary>Gets the reference histogram, built once for the binned distances.</summary>
    public Histogram Histogram { get; }

    /// <summary>Profiles the reference values of a numeric feature.</summary>
    /// <param name="name">The feature's name.</param>
    /// <param name="values">The reference values; non-empty and finite.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="name"/> is empty, or <paramref name="values"/> is empty or not finite.
    /// </exception>
    public static FeatureProfile Create(string name, ReadOnlySpan<double> values)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var sample = SortedSample.Create(values);
        return new FeatureProfile(name, sample, Histogram.FromReference(sample.Values));
    }

    // Restores a stored profile with its statistics exactly as they were computed, without recomputing them.
    internal static FeatureProfile FromStored(string name, SortedSample sample, Histogram histogram, StoredShape shape) =>
        new(name, sample, histogram, shape);

    /// <summary>The quartiles and shape statistics of a stored profile.</summary>
    internal readonly record struct StoredShape(double Quartile1, double Median, double Quartile3, double Skewness, double ExcessKurtosis);
}
