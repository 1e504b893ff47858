namespace ModelMonitoring.Drift;

/// <summary>Quantiles and shape moments of a sorted sample, with NumPy's and SciPy's definitions.</summary>
internal static class Descriptive
{
    /// <summary>
    /// The q-quantile of sorted values with linear interpolation, as <c>np.quantile</c>'s default,
    /// including NumPy's two-sided lerp so that results agree to the last bit.
    /// </summary>
    public static double Quantile(ReadOnlySpan<double> sorted, double q)
    {
        var position = (sorted.Length - 1) * q;
        var lower = (int)Math.Floor(position);
        if (lower >= sorted.Length - 1)
        {
            return sorted[^1];
        }

        var t = position - lower;
        var a = sorted[lower];
        var b = sorted[lower + 1];
        var difference = b - a;
        return t >= 0.5 ? b - (difference * (1 - t)) : a + (difference * t);
    }

    /// <summary>
    /// Skewness m3 / m2^1.5 and excess kurtosis m4 / m2² − 3 with biased central moments, as
    /// <c>scipy.stats.skew</c> and <c>scipy.stats.kurtosis</c> with their defaults; both NaN when
    /// the values are constant, as SciPy.
    /// </summary>
    public static (double Skewness, double ExcessKurtosis) Shape(ReadOnlySpan<double> values, double mean)
    {
        double m2 = 0, m3 = 0, m4 = 0;
        foreach (var value in values)
        {
            var d = value - mean;
            var d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }

        m2 /= values.Length;
        m3 /= values.Length;
        m4 /= values.Length;

        // SciPy treats a variance below its float resolution relative to the mean as zero.
        var resolution = 1e-15 * mean;
        if (m2 <= resolution * resolution)
        {
            return (double.NaN, double.NaN);
        }

        return (m3 / Math.Pow(m2, 1.5), (m4 / (m2 * m2)) - 3.0);
    }
}
