using MathNet.Numerics;

namespace ModelMonitoring.Statistics;

/// <summary>
/// Two-sample Cramér-von Mises test as SciPy's <c>cramervonmises_2samp(method='auto')</c>: the
/// statistic T of Anderson (1962) from midranks; the exact p-value when both samples have at
/// most 20 values, otherwise the limiting distribution of the standardised statistic
/// (Csörgő and Faraway, 1996), summed until a term falls below 1e-7 as SciPy does.
/// </summary>
internal static class CramerVonMises
{
    private const int ExactMaxSize = 20;
    private const double SeriesTolerance = 1e-7;

    public static TwoSampleResult Test(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        SampleGuard.AtLeast(x.Length, 2, "reference", "The Cramér-von Mises test");
        SampleGuard.AtLeast(y.Length, 2, "current", "The Cramér-von Mises test");
        long nx = x.Length;
        long ny = y.Length;
        var u4 = RankDeviationTimesFour(x, y);
        long k = nx * ny;
        long bigN = nx + ny;

        // T = U / (k N) − (4k − 1) / (6N) = (3·4U − 2k(4k − 1)) / (12 k N): the two terms nearly cancel
        // (about 3e5 each for n = m = 1e6, T near 0.2), so the numerator is formed exactly and
        // rounded once; a double sum of the 1e6 squares would already be off in its 13th digit.
        var numerator = checked((3 * u4) - (2 * (Int128)k * ((4 * (Int128)k) - 1)));
        var t = (double)numerator / (double)(12 * (Int128)k * bigN);
        var u = (double)u4 / 4;

        double p;
        if (Math.Max(nx, ny) <= ExactMaxSize)
        {
            p = CramerVonMisesExact.Survival(u, (int)nx, (int)ny);
        }
        else
        {
            var et = (1 + (1.0 / bigN)) / 6;
            double vt = (bigN + 1) * ((4.0 * k * bigN) - (3.0 * ((nx * nx) + (ny * ny))) - (2.0 * k));
            vt /= 45.0 * bigN * bigN * 4 * k;
            var tn = (1.0 / 6) + ((t - et) / Math.Sqrt(45 * vt));
            p = tn < 0.003 ? 1.0 : Math.Max(0, 1.0 - LimitingCdf(tn));
        }

        return new TwoSampleResult(TwoSampleMethods.CramerVonMises, t, p);
    }

    // 4U = nx Σ (2r_i − 2i)² + ny Σ (2s_j − 2j)², with r, s the pooled midranks of the sorted
    // samples: twice a midrank is an integer, so every term and the sums are exact integers.
    private static Int128 RankDeviationTimesFour(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        long position = 0;
        Int128 sumX = 0, sumY = 0;
        var groups = new TieGroups(x, y);
        while (groups.MoveNext())
        {
            long tied = groups.CountX + groups.CountY;
            var twiceMidrank = (2 * position) + tied + 1;
            for (long r = groups.ThroughX - groups.CountX; r < groups.ThroughX; r++)
            {
                var deviation = twiceMidrank - (2 * (r + 1));
                sumX += (Int128)deviation * deviation;
            }

            for (long r = groups.ThroughY - groups.CountY; r < groups.ThroughY; r++)
            {
                var deviation = twiceMidrank - (2 * (r + 1));
                sumY += (Int128)deviation * deviation;
            }

            position += tied;
        }

        return checked((x.Length * sumX) + (y.Length * sumY));
    }

    // Limiting CDF of the one-sample statistic (Csörgő and Faraway, equation 1.2).
    private static double LimitingCdf(double x)
    {
        var total = 0.0;

        // Γ(k + ½) / Γ(k + 1) by its exact recurrence: the tail p-value is 1 − cdf, so every ulp
        // of the terms shows, and differencing two log-gammas loses several.
        var gammaRatio = Math.Sqrt(Math.PI);
        for (var k = 0; ; k++)
        {
            if (k > 0)
            {
                gammaRatio *= (k - 0.5) / k;
            }

            var u = gammaRatio / (Math.Pow(Math.PI, 1.5) * Math.Sqrt(x));
            double y = (4 * k) + 1;
            var q = y * y / (16 * x);
            var term = u * Math.Sqrt(y) * Math.Exp(-q) * SpecialFunctions.BesselK(0.25, q);
            total += term;
            if (!(Math.Abs(term) >= SeriesTolerance))
            {
                return total;
            }
        }
    }
}
