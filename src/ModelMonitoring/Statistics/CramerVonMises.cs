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
        var u = RankDeviation(x, y);
        long k = nx * ny;
        long bigN = nx + ny;
        var t = (u / (k * bigN)) - (((4.0 * k) - 1) / (6.0 * bigN));

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

    // U = nx Σ (r_i − i)² + ny Σ (s_j − j)², with r, s the pooled midranks of the sorted samples.
    private static double RankDeviation(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        long position = 0;
        double sumX = 0, sumY = 0;
        var groups = new TieGroups(x, y);
        while (groups.MoveNext())
        {
            long tied = groups.CountX + groups.CountY;
            var midrank = position + ((tied + 1) / 2.0);
            for (var r = groups.ThroughX - groups.CountX; r < groups.ThroughX; r++)
            {
                var deviation = midrank - (r + 1);
                sumX += deviation * deviation;
            }

            for (var r = groups.ThroughY - groups.CountY; r < groups.ThroughY; r++)
            {
                var deviation = midrank - (r + 1);
                sumY += deviation * deviation;
            }

            position += tied;
        }

        return (x.Length * sumX) + (y.Length * sumY);
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
