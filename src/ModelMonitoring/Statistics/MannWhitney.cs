using MathNet.Numerics;

namespace ModelMonitoring.Statistics;

/// <summary>
/// Mann-Whitney U test with SciPy's <c>mannwhitneyu</c> defaults: two-sided, continuity
/// correction, and <c>method='auto'</c> (exact when either sample has at most 8 values and there
/// are no ties; otherwise the normal approximation with the tie-corrected variance).
/// </summary>
internal static class MannWhitney
{
    private const int ExactMaxSize = 8;

    public static TwoSampleResult Test(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        long n1 = x.Length;
        long n2 = y.Length;
        var (rankSum, tieTerm, hasTies) = RankSum(x, y);
        var u1 = rankSum - (n1 * (n1 + 1) / 2.0);
        var u2 = (n1 * n2) - u1;
        var u = Math.Max(u1, u2);
        var exact = (n1 <= ExactMaxSize || n2 <= ExactMaxSize) && !hasTies;
        double p;
        if (exact)
        {
            p = 2 * MannWhitneyExact.Cdf((long)((n1 * n2) - u), (int)n1, (int)n2);
        }
        else
        {
            double n = n1 + n2;
            var mu = n1 * n2 / 2.0;
            var s = Math.Sqrt(n1 * n2 / 12.0 * ((n + 1) - (tieTerm / (n * (n - 1)))));
            var z = (u - mu - 0.5) / s;
            p = 2 * NormalSurvival(z);
        }

        return new TwoSampleResult(TwoSampleMethods.MannWhitneyU, u1, Math.Clamp(p, 0.0, 1.0));
    }

    /// <summary>P(Z ≥ z) for a standard normal, accurate in the upper tail.</summary>
    public static double NormalSurvival(double z) =>
        double.IsNaN(z) ? double.NaN : 0.5 * SpecialFunctions.Erfc(z / Math.Sqrt(2.0));

    // Walks the two sorted samples once: midranks of tie groups give the rank sum of x, and
    // Σ(t³ − t) over tie groups gives the variance correction.
    private static (double RankSum, double TieTerm, bool HasTies) RankSum(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        long position = 0;
        var rankSum = 0.0;
        Int128 tieTerm = 0; // Σ t³ can pass 2^63 for millions of equal values
        var hasTies = false;
        var groups = new TieGroups(x, y);
        while (groups.MoveNext())
        {
            long t = groups.CountX + groups.CountY;
            var midrank = position + ((t + 1) / 2.0);
            rankSum += groups.CountX * midrank;
            if (t > 1)
            {
                // Untied values add t³ − t = 0; skipping them keeps 128-bit arithmetic off the common path.
                tieTerm += ((Int128)t * t * t) - t;
                hasTies = true;
            }

            position += t;
        }

        return (rankSum, (double)tieTerm, hasTies);
    }
}
