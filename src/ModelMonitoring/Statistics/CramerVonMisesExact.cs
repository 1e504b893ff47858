namespace ModelMonitoring.Statistics;

/// <summary>
/// Exact null distribution of the two-sample Cramér-von Mises statistic by the lattice-path
/// recursion of Xiao, Gordon and Yakovlev (2006): for every path to (v, u) keep the multiset of
/// Σ (a·v − b·u)² with a = lcm/m, b = lcm/n, then count the paths to (m, n) reaching the
/// observed value. Sizes are at most 20, so the sums fit in 64-bit integers.
/// </summary>
internal static class CramerVonMisesExact
{
    public static double Survival(double u, int m, int n)
    {
        long lcm = Lcm(m, n);
        var a = lcm / m;
        var b = lcm / n;
        long mn = (long)m * n;
        var zeta = FloorDivide(lcm * lcm * (m + n) * ((6 * u) - (mn * ((4 * mn) - 1))), 6.0 * mn * mn);

        // rows[v]: value → number of paths, for the current u.
        var rows = new Dictionary<long, long>[m + 1];
        rows[0] = new Dictionary<long, long> { [0] = 1 };
        for (var v = 1; v <= m; v++)
        {
            rows[v] = [];
        }

        for (long col = 0; col <= n; col++)
        {
            Dictionary<long, long>? left = null;
            for (var v = 0; v <= m; v++)
            {
                var merged = new Dictionary<long, long>(rows[v].Count + (left?.Count ?? 0));
                var step = (a * v) - (b * col);
                step *= step;
                if (left is not null)
                {
                    foreach (var (value, count) in left)
                    {
                        merged[value + step] = count;
                    }
                }

                foreach (var (value, count) in rows[v])
                {
                    merged[value + step] = merged.GetValueOrDefault(value + step) + count;
                }

                rows[v] = merged;
                left = merged;
            }
        }

        long reached = 0;
        foreach (var (value, count) in rows[m])
        {
            if (value >= zeta)
            {
                reached += count;
            }
        }

        return reached / Binomial(m + n, m);
    }

    // Python's float floor division, which SciPy applies here; it can differ from
    // Math.Floor(a / b) when the quotient rounds up to an integer.
    private static double FloorDivide(double a, double b)
    {
        var mod = a % b;
        var div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0))
        {
            div -= 1.0;
        }

        var floor = Math.Floor(div);
        return div - floor > 0.5 ? floor + 1.0 : floor;
    }

    private static long Lcm(long a, long b)
    {
        long x = a, y = b;
        while (y != 0)
        {
            (x, y) = (y, x % y);
        }

        return a / x * b;
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
