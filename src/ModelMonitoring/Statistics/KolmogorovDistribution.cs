namespace ModelMonitoring.Statistics;

/// <summary>
/// Survival function of the two-sided one-sample Kolmogorov-Smirnov statistic D_n, choosing
/// among exact and approximate methods by the regions of Simard and L'Ecuyer (2011), as SciPy's
/// <c>kstwo.sf</c> does: Ruben-Gambino closed forms at the extremes, twice the one-sided Smirnov
/// probability for large deviations, the Durbin matrix (Marsaglia-Tsang-Wang), Pomeranz's
/// recursion, or the Pelz-Good expansion.
/// </summary>
internal static class KolmogorovDistribution
{
    public static double Survival(int n, double x)
    {
        if (x >= 1.0)
        {
            return 0.0;
        }

        if (x <= 0.0)
        {
            return 1.0;
        }

        var t = n * x;
        if (t <= 1.0)
        {
            if (t <= 0.5)
            {
                return 1.0;
            }

            return Clip(1.0 - RubenGambinoLower(n, t));
        }

        if (t >= n - 1)
        {
            return Clip(2 * Math.Pow(1.0 - x, n));
        }

        if (x >= 0.5)
        {
            return Clip(2 * SmirnovDistribution.Survival(n, x));
        }

        var nxSquared = t * x;
        if (n <= 140)
        {
            if (nxSquared <= 0.754693)
            {
                return Clip(1.0 - KolmogorovDurbinMatrix.Cdf(n, x));
            }

            if (nxSquared <= 4)
            {
                return Clip(1.0 - KolmogorovPomeranz.Cdf(n, x));
            }

            return Clip(2 * SmirnovDistribution.Survival(n, x));
        }

        if (nxSquared >= 370.0)
        {
            return 0.0;
        }

        if (nxSquared >= 2.2)
        {
            return Clip(2 * SmirnovDistribution.Survival(n, x));
        }

        var cdf = n <= 100_000 && n * Math.Pow(x, 1.5) <= 1.4
            ? KolmogorovDurbinMatrix.Cdf(n, x)
            : KolmogorovPelzGood.Cdf(n, x);
        return Clip(1.0 - cdf);
    }

    private static double Clip(double p) => Math.Clamp(p, 0.0, 1.0);

    // P(D_n ≤ t/n) = n!/n^n (2t − 1)^n for 1/2 ≤ t ≤ 1.
    private static double RubenGambinoLower(int n, double t)
    {
        if (n <= 140)
        {
            var prob = 1.0;
            var factor = (2 * t) - 1;
            for (var i = 1; i <= n; i++)
            {
                prob *= i * (1.0 / n) * factor;
            }

            return prob;
        }

        return Math.Exp(LogFactorialOverPower(n) + (n * Math.Log((2 * t) - 1)));
    }

    // log(n! / n^n) by Stirling's series with n·log(n) removed up front.
    private static double LogFactorialOverPower(int n)
    {
        ReadOnlySpan<double> coefficients =
        [
            -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3,
            8.4175084175084175084e-4, -5.952380952380952381e-4, 7.9365079365079365079e-4,
            -2.7777777777777777778e-3, 8.3333333333333333333e-2,
        ];
        var rn = 1.0 / n;
        var z = rn / n;
        var series = 0.0;
        foreach (var c in coefficients)
        {
            series = (series * z) + c;
        }

        return (Math.Log(n) / 2) - n + (Math.Log(2 * Math.PI) / 2) + (rn * series);
    }
}
