namespace ModelMonitoring.Statistics;

/// <summary>
/// Survival function of the one-sided one-sample statistic D_n^+ (SciPy's <c>smirnov</c>), by the
/// Smirnov / Birnbaum-Tingey sum
/// P(D_n^+ ≥ x) = x Σ_{v=0}^{⌊n(1−x)⌋} C(n, v) (x + v/n)^(v−1) (1 − x − v/n)^(n−v),
/// or its complementary upper sum when that needs at most a few terms. Terms are evaluated in
/// log space with n·x carried exactly as a double-double, so each has close to full precision;
/// SciPy evaluates them in double-double arithmetic and both agree far inside 1e-10.
/// </summary>
internal static class SmirnovDistribution
{
    private const double MinLog = -7.451332191019412076235E2;
    private const int MaxComputeN = 1_000_000;
    private const double Epsilon = 2.220446049250313e-16; // DBL_EPSILON, not double.Epsilon

    public static double Survival(int n, double x)
    {
        if (n == 1)
        {
            return 1 - x;
        }

        if (x == 0.0)
        {
            return 1.0;
        }

        if (x == 1.0)
        {
            return 0.0;
        }

        // n·x = nxHi + nxLo exactly; split into floor and fractional part alpha.
        var nxHi = n * x;
        var nxLo = Math.FusedMultiplyAdd(n, x, -nxHi);
        var (nxFloor, alpha) = FloorAndFraction(nxHi, nxLo);
        var n1mxFloor = n - nxFloor - (alpha == 0 ? 0 : 1);
        var n1mxCeil = n - nxFloor;
        if (alpha == 0)
        {
            n1mxFloor -= 1;
            n1mxCeil += 1;
        }

        if (nxFloor == 0 || (nxFloor == 1 && alpha == 0))
        {
            return Math.Clamp(1 - (x * Math.Exp((n - 1) * Log1P(x))), 0, 1);
        }

        if (-2 * n * x * x < MinLog)
        {
            return 0.0;
        }

        if (nxFloor >= n - 1)
        {
            return Math.Clamp(Math.Exp(n * Log1P(-x)), 0, 1);
        }

        if (n > MaxComputeN)
        {
            var logp = -Math.Pow((6 * n * x) + 1.0, 2) / 18.0 / n;
            return Math.Exp(logp);
        }

        var upperTerms = n - n1mxCeil + 1;
        var useUpper = (upperTerms <= 1 && x < 0.5) || (n >= 10 && upperTerms <= 3 && x <= 0.5 / Math.Sqrt(n));
        if (useUpper)
        {
            var cdf = x * Sum(n, x, nxHi, nxLo, start: n, step: -1, terms: upperTerms);
            return Math.Clamp(1 - cdf, 0, 1);
        }

        return Math.Clamp(x * Sum(n, x, nxHi, nxLo, start: 0, step: 1, terms: n1mxFloor + 1), 0, 1);
    }

    private static double Sum(int n, double x, double nxHi, double nxLo, int start, int step, int terms)
    {
        // A_v = C(n, v) (1 − x − v/n)^(n−v) (x + v/n)^(v−1); the first term is written directly.
        var sum = step > 0 ? Math.Exp(n * Log1P(-x)) / x : Math.Exp((n - 1) * Log1P(x));
        var logBinomial = 0.0;
        var vmid = n / 2;
        for (var j = 1; j < terms; j++)
        {
            logBinomial += Math.Log((double)(n - j + 1) / j);
            var v = start + (j * step);
            var below = ((n - v - nxHi) - nxLo) / n; // 1 − x − v/n
            var above = ((v + nxHi) + nxLo) / n;     // x + v/n
            // In the upper sum 1 − x − v/n is negative; its integer power carries the sign.
            var sign = below < 0 && (n - v) % 2 == 1 ? -1.0 : 1.0;
            var term = below != 0 && above > 0
                ? sign * Math.Exp(logBinomial + ((n - v) * Math.Log(Math.Abs(below))) + ((v - 1) * Math.Log(above)))
                : 0.0;
            if (double.IsFinite(term) && term != 0)
            {
                sum += term;
                if (4.0 * (terms - j) * Math.Abs(term) < Epsilon * sum && j != terms - 1)
                {
                    break;
                }
            }
            else if (j > vmid)
            {
                break;
            }
        }

        return sum;
    }

    private static (int Floor, double Alpha) FloorAndFraction(double hi, double lo)
    {
        var floor = Math.Floor(hi);
        double alpha;
        if (floor == hi)
        {
            var loFloor = Math.Floor(lo);
            floor += loFloor;
            alpha = lo - loFloor;
        }
        else
        {
            alpha = (hi - floor) + lo;
        }

        if (alpha >= 1)
        {
            floor += 1;
            alpha = 0;
        }

        return ((int)floor, alpha);
    }

    // log(1 + x) accurate for small x, without relying on a runtime log1p.
    internal static double Log1P(double x)
    {
        var u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }
}
