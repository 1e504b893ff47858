namespace ModelMonitoring.Statistics;

/// <summary>Mean and variance with NumPy's two-pass definitions.</summary>
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

    private static double Mean(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum / values.Length;
    }
}
