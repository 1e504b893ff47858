using MathNet.Numerics;

namespace ModelMonitoring.Statistics;

/// <summary>
/// Rank correlations as SciPy computes them: Spearman's rho (<c>spearmanr</c>: Pearson's correlation of the average
/// ranks, with its two-sided p-value from Student's t with n - 2 degrees of freedom) and Kendall's tau-b
/// (<c>kendalltau</c>, which adjusts for ties in either ranking). Both are NaN when either input is constant.
/// </summary>
internal static class RankCorrelation
{
    public static double Spearman(ReadOnlySpan<double> x, ReadOnlySpan<double> y) => SpearmanWithP(x, y).Rho;

    public static (double Rho, double PValue) SpearmanWithP(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        Check(x, y);
        var rx = AverageRanks(x);
        var ry = AverageRanks(y);
        double mx = 0, my = 0;
        for (var i = 0; i < rx.Length; i++)
        {
            mx += rx[i];
            my += ry[i];
        }

        mx /= rx.Length;
        my /= ry.Length;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < rx.Length; i++)
        {
            var dx = rx[i] - mx;
            var dy = ry[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        if (sxx == 0 || syy == 0)
        {
            return (double.NaN, double.NaN);
        }

        var rho = Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1.0, 1.0);
        return (rho, TwoSidedP(rho, rx.Length - 2));
    }

    /// <summary>Kendall's tau-b, counting concordant and discordant pairs directly (importance vectors have a few hundred features at most).</summary>
    public static double Kendall(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        Check(x, y);
        long concordant = 0, discordant = 0, tiedX = 0, tiedY = 0;
        for (var i = 0; i < x.Length; i++)
        {
            for (var j = i + 1; j < x.Length; j++)
            {
                var sx = Math.Sign(x[i] - x[j]);
                var sy = Math.Sign(y[i] - y[j]);
                if (sx == 0)
                {
                    tiedX++;
                }

                if (sy == 0)
                {
                    tiedY++;
                }

                var product = sx * sy;
                concordant += product > 0 ? 1 : 0;
                discordant += product < 0 ? 1 : 0;
            }
        }

        long pairs = (long)x.Length * (x.Length - 1) / 2;
        var denominator = Math.Sqrt((double)(pairs - tiedX) * (pairs - tiedY));
        return denominator == 0 ? double.NaN : Math.Clamp((concordant - discordant) / denominator, -1.0, 1.0);
    }

    /// <summary>Ranks from 1, ties getting the average of the ranks they span (SciPy's <c>rankdata</c>, method "average").</summary>
    public static double[] AverageRanks(ReadOnlySpan<double> values)
    {
        var order = new int[values.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = values.ToArray();
        Array.Sort(keys, order);
        var ranks = new double[values.Length];
        for (var start = 0; start < keys.Length;)
        {
            var end = start + 1;
            while (end < keys.Length && keys[end] == keys[start])
            {
                end++;
            }

            var rank = (start + end + 1) / 2.0;
            for (var k = start; k < end; k++)
            {
                ranks[order[k]] = rank;
            }

            start = end;
        }

        return ranks;
    }

    // SciPy 1.10: t = r sqrt(df / ((1 + r)(1 - r))), p = 2 P(T >= |t|) = I_{df/(df+t²)}(df/2, 1/2).
    private static double TwoSidedP(double rho, int df)
    {
        if (df <= 0)
        {
            return double.NaN;
        }

        var denominator = (1.0 + rho) * (1.0 - rho);
        if (denominator <= 0)
        {
            return 0.0;
        }

        var t2 = df / denominator * rho * rho;
        return Math.Clamp(SpecialFunctions.BetaRegularized(df / 2.0, 0.5, df / (df + t2)), 0.0, 1.0);
    }

    private static void Check(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length || x.Length < 2)
        {
            throw new ArgumentException($"Rank correlations need two rankings of the same length, at least 2; got {x.Length} and {y.Length}.");
        }
    }
}
