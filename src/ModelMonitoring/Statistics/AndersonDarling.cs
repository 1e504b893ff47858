namespace ModelMonitoring.Statistics;

/// <summary>
/// Anderson-Darling k-sample test (Scholz and Stephens, 1987) for two samples, as SciPy's
/// <c>anderson_ksamp(midrank=True)</c>: the midrank statistic A²akN for tied data, standardised
/// by its exact mean and variance, with a p-value interpolated from the published critical
/// values and therefore capped at 0.25 and floored at 0.001.
/// </summary>
internal static class AndersonDarling
{
    private const int Samples = 2;

    public static TwoSampleResult Test(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        long n = x.Length + y.Length;
        if (n < 4)
        {
            throw new ArgumentException(
                $"The Anderson-Darling test needs at least 4 observations in total; got {n}.", "current");
        }

        var a2kn = MidrankStatistic(x, y, out var distinct);
        if (distinct < 2)
        {
            throw new ArgumentException(
                "The Anderson-Darling test needs at least two distinct values across both samples.", "current");
        }

        var standardised = (a2kn - (Samples - 1)) / Math.Sqrt(Variance(x.Length, y.Length));
        var p = AndersonDarlingSignificance.Interpolate(standardised);
        return new TwoSampleResult(TwoSampleMethods.AndersonDarling, standardised, p);
    }

    // Equation 7 of Scholz and Stephens, walking the distinct pooled values once.
    private static double MidrankStatistic(ReadOnlySpan<double> x, ReadOnlySpan<double> y, out int distinct)
    {
        double bigN = x.Length + y.Length;
        long below = 0;
        double sumX = 0, sumY = 0;
        distinct = 0;
        var groups = new TieGroups(x, y);
        while (groups.MoveNext())
        {
            distinct++;
            double fx = groups.CountX;
            double fy = groups.CountY;
            var lj = fx + fy;
            var bj = below + (lj / 2.0);
            var denominator = (bj * (bigN - bj)) - (bigN * lj / 4.0);
            var mx = groups.ThroughX - (fx / 2.0);
            var my = groups.ThroughY - (fy / 2.0);
            var dx = (bigN * mx) - (bj * x.Length);
            var dy = (bigN * my) - (bj * y.Length);
            sumX += lj / bigN * dx * dx / denominator;
            sumY += lj / bigN * dy * dy / denominator;
            below += (long)lj;
        }

        return ((sumX / x.Length) + (sumY / y.Length)) * (bigN - 1.0) / bigN;
    }

    // Variance of A²kN under the null hypothesis (Scholz and Stephens, equation 4).
    private static double Variance(int n1, int n2)
    {
        long n = n1 + n2;
        var hH = (1.0 / n1) + (1.0 / n2);
        double tail = 0, g = 0;
        for (long t = n - 1, index = 2; t >= 2; t--, index++)
        {
            tail += 1.0 / t;
            g += tail / index;
        }

        var h = tail + 1;
        const int k = Samples;
        var a = ((4 * g) - 6) * (k - 1) + ((10 - (6 * g)) * hH);
        var b = (((2 * g) - 4) * k * k) + (8 * h * k) + (((2 * g) - (14 * h) - 4) * hH) - (8 * h) + (4 * g) - 6;
        var c = (((6 * h) + (2 * g) - 2) * k * k) + (((4 * h) - (4 * g) + 6) * k) + (((2 * h) - 6) * hH) + (4 * h);
        var d = (((2 * h) + 6) * k * k) - (4 * h * k);
        double nn = n;
        return ((a * nn * nn * nn) + (b * nn * nn) + (c * nn) + d) / ((nn - 1.0) * (nn - 2.0) * (nn - 3.0));
    }
}
