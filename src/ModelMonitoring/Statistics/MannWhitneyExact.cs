namespace ModelMonitoring.Statistics;

/// <summary>
/// Exact null distribution of the Mann-Whitney U statistic without ties. The number of
/// arrangements with U = k is the coefficient of q^k in the Gaussian binomial
/// [m + n choose m]_q = Π_{i=1}^{s} (1 − q^{L+i}) / (1 − q^i) with s = min(m, n), L = max(m, n).
/// Building it one factor at a time keeps every intermediate polynomial a Gaussian binomial with
/// non-negative coefficients, so the counts stay accurate in doubles.
/// </summary>
internal static class MannWhitneyExact
{
    /// <summary>P(U ≤ k) for sample sizes m and n.</summary>
    public static double Cdf(long k, int m, int n)
    {
        if (k < 0)
        {
            return 0.0;
        }

        var s = Math.Min(m, n);
        var l = Math.Max(m, n);
        var top = (int)Math.Min(k, (long)m * n);
        var counts = new double[top + 1];
        counts[0] = 1.0;
        for (var i = 1; i <= s; i++)
        {
            var shift = l + i;
            for (var c = top; c >= shift; c--)
            {
                counts[c] -= counts[c - shift];
            }

            for (var c = i; c <= top; c++)
            {
                counts[c] += counts[c - i];
            }
        }

        var total = 0.0;
        for (var c = 0; c <= top; c++)
        {
            total += counts[c];
        }

        return total / Binomial(m + n, s);
    }

    private static double Binomial(int n, int k)
    {
        var result = 1.0;
        for (var i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }

        return result;
    }
}
