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

        return double.IsFinite(squares) ? Math.Sqrt(squares / values.Length) : ScaledStandardDeviation(values, mean);
    }

    // Squares beyond double.MaxValue although the deviation itself is finite (values near ±1e308):
    // half-deviations never overflow, and scaled by the largest their squares stay within [0, 1].
    private static double ScaledStandardDeviation(ReadOnlySpan<double> values, double mean)
    {
        var largest = 0.0;
        foreach (var value in values)
        {
            largest = Math.Max(largest, Math.Abs((0.5 * value) - (0.5 * mean)));
        }

        var squares = 0.0;
        foreach (var value in values)
        {
            var scaled = ((0.5 * value) - (0.5 * mean)) / largest;
            squares += scaled * scaled;
        }

        return largest * (2 * Math.Sqrt(squares / values.Length));
    }

    // The naive mean, corrected by the mean of the deviations from it (exact differences, by
    // Sterbenz, for values near the mean): the naive sum of 200 values near 1 is off by ulps of
    // the sum, enough to move a variance of 1e-27 by 5e-5 relative. Where the sum overflows
    // (values near ±double.MaxValue), the values are divided by n before they are summed.
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
            // Rounding may carry Σ x/n an ulp past the largest value; a mean never lies outside the values.
            sum = 0.0;
            double min = double.MaxValue, max = double.MinValue;
            foreach (var value in values)
            {
                sum += value / n;
                min = Math.Min(min, value);
                max = Math.Max(max, value);
            }

            return Math.Clamp(sum, min, max);
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
