namespace ModelMonitoring.Statistics;

/// <summary>
/// Exact two-sided null distribution of the two-sample Kolmogorov-Smirnov statistic, counting
/// lattice paths as in Hodges (1958). Equal sizes use the closed-form alternating sum evaluated
/// Horner-style; unequal sizes use the "inside" recursion arranged to produce the outer
/// probability directly (Viehmann, 2021), which keeps small p-values accurate.
/// </summary>
internal static class KolmogorovSmirnovExact
{
    /// <summary>
    /// Returns whether the computation succeeded, the statistic rounded to the lattice
    /// (h / lcm(n1, n2)), and P(D ≥ d).
    /// </summary>
    public static (bool Success, double D, double P) TwoSided(int n1, int n2, double d)
    {
        long g = Gcd(n1, n2);
        var lcm = (n1 / g) * n2;
        var h = (long)Math.Round(d * lcm, MidpointRounding.ToEven);
        var rounded = h * 1.0 / lcm;
        if (h == 0)
        {
            return (true, rounded, 1.0);
        }

        var p = n1 == n2 ? OutsideSquare(n1, h) : OutsideInsideMethod(n1, n2, g, h);
        return (p >= 0 && p <= 1, rounded, p);
    }

    // P(D_{n,n} ≥ h/n) = 2 Σ_k (−1)^(k+1) C(2n, n − kh) / C(2n, n), factored as
    // 2·A1·(1 − A2·(1 − A3·(…))) to avoid subtractive cancellation.
    private static double OutsideSquare(long n, long h)
    {
        var p = 0.0;
        for (var k = n / h; k >= 0; k--)
        {
            var term = 1.0;
            for (long j = 0; j < h; j++)
            {
                term = (n - (k * h) - j) * term / (n + (k * h) + j + 1);
            }

            p = term * (1.0 - p);
        }

        return 2 * p;
    }

    // Walks the lattice column by column keeping only the band |x/m − y/n| < h/lcm, storing the
    // proportion of paths that have already left the band.
    private static double OutsideInsideMethod(long m, long n, long g, long h)
    {
        if (m < n)
        {
            (m, n) = (n, m);
        }

        var mg = m / g;
        var ng = n / g;
        long minj = 0;
        var maxj = Math.Min((long)Math.Ceiling(h / (double)mg), n + 1);
        var curlen = maxj - minj;
        var lenA = (int)Math.Min((2 * maxj) + 2, n + 1);
        var a = new double[lenA];
        Array.Fill(a, 1.0);

        // Multiplying by a tabulated 1/(i + j) instead of dividing halves the latency of the
        // column recurrence. All terms are non-negative, so the extra rounding stays near 1e-12.
        var reciprocal = new double[m + n + 1];
        for (var k = 1; k < reciprocal.Length; k++)
        {
            reciprocal[k] = 1.0 / k;
        }

        Array.Clear(a, 0, (int)maxj);
        for (long i = 1; i <= m; i++)
        {
            var lastminj = minj;
            var lastlen = curlen;
            minj = Math.Max((long)Math.Floor(((ng * i) - h) / (double)mg) + 1, 0);
            minj = Math.Min(minj, n);
            maxj = Math.Min((long)Math.Ceiling(((ng * i) + h) / (double)mg), n + 1);
            if (maxj <= minj)
            {
                return 1.0;
            }

            var val = minj == 0 ? 0.0 : 1.0;
            for (long jj = 0; jj < maxj - minj; jj++)
            {
                var j = jj + minj;
                val = ((a[jj + minj - lastminj] * i) + (val * j)) * reciprocal[i + j];
                a[jj] = val;
            }

            curlen = maxj - minj;
            if (lastlen > curlen)
            {
                var start = (int)(maxj - minj);
                a.AsSpan(start, (int)Math.Min(lastlen - curlen, lenA - start)).Fill(1.0);
            }
        }

        return a[maxj - minj - 1];
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
