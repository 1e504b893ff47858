namespace ModelMonitoring.Statistics;

/// <summary>Mean and variance with NumPy's two-pass definitions, the mean corrected to within an ulp or so.</summary>
internal static class Moments
{
    /// <summary>Returns the mean and the variance with divisor n − 1 (NaN for one value).</summary>
    public static (double Mean, double Variance) MeanAndVariance(ReadOnlySpan<double> values)
    {
        var mean = Mean(values);
        var squares = 0.0;
        foreach (var value in values)
        {
            var deviation = value - mean;
            squares += deviation * deviation;
        }

        return (mean, values.Length > 1 ? squares / (values.Length - 1) : double.NaN);
    }

    /// <summary>Returns the population standard deviation (divisor n), as <c>np.std</c>.</summary>
    public static double PopulationStandardDeviation(ReadOnlySpan<double> values)
    {
        var mean = Mean(values);
        var squares = 0.0;
        foreach (var value in values)
        {
            var deviation = value - mean;
            squares += deviation * deviation;
        }

        return Math.Sqrt(squares / values.Length);
    }

    // The naive mean, corrected by the mean of the deviations from it (exact differences, by
    // Sterbenz, for values near the mean): the naive sum of 200 values near 1 is off by ulps of
    // the sum, enough to move a variance of 1e-27 by 5e-5 relative. Where the sum overflows,
    // the values are divided first (|x/n| summed never exceeds double.MaxValue).
    private static double Mean(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        var sum = 0.0;
        foreach (var value in values)
        {
            sum += value;
        }

        if (!double.IsFinite(sum))
        {
            sum = 0.0;
            foreach (var value in values)
            {
                sum += value / n;
            }

            return sum;
        }

        var mean = sum / n;
        var correction = 0.0;
        foreach (var value in values)
        {
            correction += value - mean;
        }

        // A deviation overflows only for values of both signs beyond double.MaxValue / 2.
        return double.IsFinite(correction) ? mean + (correction / n) : mean;
    }
}
