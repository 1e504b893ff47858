namespace ModelMonitoring.Statistics;

/// <summary>
/// Two-sided two-sample Kolmogorov-Smirnov test with SciPy's <c>ks_2samp</c> defaults
/// (<c>alternative='two-sided'</c>, <c>method='auto'</c>).
/// </summary>
internal static class KolmogorovSmirnov
{
    // SciPy's MAX_AUTO_N: the exact distribution is attempted when both sizes are at most this.
    private const int MaxExactSize = 10_000;

    public static TwoSampleResult Test(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        var d = Statistic(reference, current);
        var n1 = reference.Length;
        var n2 = current.Length;
        if (Math.Max(n1, n2) <= MaxExactSize)
        {
            var (success, rounded, p) = KolmogorovSmirnovExact.TwoSided(n1, n2, d);
            d = rounded;
            if (success)
            {
                return new TwoSampleResult(TwoSampleMethods.KolmogorovSmirnov, d, Math.Clamp(p, 0.0, 1.0));
            }
        }

        // Smirnov's asymptotic: the one-sample two-sided distribution at the effective size.
        double m = Math.Max(n1, n2);
        double n = Math.Min(n1, n2);
        var effective = (int)Math.Round(m * n / (m + n), MidpointRounding.ToEven);
        var pAsymptotic = KolmogorovDistribution.Survival(effective, d);
        return new TwoSampleResult(TwoSampleMethods.KolmogorovSmirnov, d, Math.Clamp(pAsymptotic, 0.0, 1.0));
    }

    /// <summary>
    /// The largest absolute difference between the two empirical CDFs, evaluated at every
    /// observation (SciPy evaluates <c>searchsorted(side='right')</c> at the pooled data).
    /// </summary>
    public static double Statistic(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double n1 = a.Length;
        double n2 = b.Length;
        var max = double.NegativeInfinity;
        var min = double.PositiveInfinity;
        var groups = new TieGroups(a, b);
        while (groups.MoveNext())
        {
            var diff = (groups.ThroughX / n1) - (groups.ThroughY / n2);
            max = Math.Max(max, diff);
            min = Math.Min(min, diff);
        }

        var minS = Math.Clamp(-min, 0.0, 1.0);
        return minS > max ? minS : max;
    }
}
