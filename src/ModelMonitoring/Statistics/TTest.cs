using MathNet.Numerics;

namespace ModelMonitoring.Statistics;

/// <summary>
/// Two-sided independent-samples t-tests as SciPy's <c>ttest_ind</c>: Welch's
/// (<c>equal_var=False</c>) with the Welch-Satterthwaite degrees of freedom, and Student's
/// (<c>equal_var=True</c>) with the pooled variance; and Welch's one-sided test (<c>alternative='greater'</c>),
/// which concept drift uses.
/// </summary>
internal static class TTest
{
    public static TwoSampleResult Welch(double mean1, double var1, long n1, double mean2, double var2, long n2)
    {
        var (t, df) = WelchStatistic(mean1, var1, n1, mean2, var2, n2);
        return new TwoSampleResult(TwoSampleMethods.WelchTTest, t, TwoSidedP(t, df));
    }

    /// <summary>Welch's t statistic of sample 1 minus sample 2 and its Welch-Satterthwaite degrees of freedom.</summary>
    public static (double T, double DegreesOfFreedom) WelchStatistic(double mean1, double var1, long n1, double mean2, double var2, long n2)
    {
        var vn1 = var1 / n1;
        var vn2 = var2 / n2;
        var df = (vn1 + vn2) * (vn1 + vn2) / ((vn1 * vn1 / (n1 - 1)) + (vn2 * vn2 / (n2 - 1)));

        // Both variances zero: df is 0/0; any df gives the same (infinite or undefined) t.
        if (double.IsNaN(df))
        {
            df = 1;
        }

        return ((mean1 - mean2) / Math.Sqrt(vn1 + vn2), df);
    }

    /// <summary>
    /// The one-sided p-value P(T ≥ t) of Student's t distribution with <paramref name="df"/> degrees of freedom, as SciPy's
    /// <c>alternative='greater'</c>; P(T ≤ t), SciPy's <c>'less'</c>, is <c>GreaterP(-t, df)</c>.
    /// </summary>
    public static double GreaterP(double t, double df)
    {
        if (double.IsNaN(t))
        {
            return double.NaN;
        }

        if (double.IsInfinity(t))
        {
            return t > 0 ? 0.0 : 1.0;
        }

        // The upper tail of |t| is half the two-sided p; SciPy's stdtr takes the same incomplete beta function.
        var half = 0.5 * SpecialFunctions.BetaRegularized(df / 2, 0.5, df / (df + (t * t)));
        return Math.Clamp(t >= 0 ? half : 1.0 - half, 0.0, 1.0);
    }

    public static TwoSampleResult Student(double mean1, double var1, long n1, double mean2, double var2, long n2)
    {
        double df = n1 + n2 - 2;
        var pooled = (((n1 - 1) * var1) + ((n2 - 1) * var2)) / df;
        var denominator = Math.Sqrt(pooled * ((1.0 / n1) + (1.0 / n2)));
        var t = (mean1 - mean2) / denominator;
        return new TwoSampleResult(TwoSampleMethods.StudentTTest, t, TwoSidedP(t, df));
    }

    // 2·P(T ≥ |t|) = I_{df/(df+t²)}(df/2, 1/2), which keeps its precision in the far tail.
    private static double TwoSidedP(double t, double df)
    {
        if (double.IsNaN(t))
        {
            return double.NaN;
        }

        if (double.IsInfinity(t))
        {
            return 0.0;
        }

        var p = SpecialFunctions.BetaRegularized(df / 2, 0.5, df / (df + (t * t)));
        return Math.Clamp(p, 0.0, 1.0);
    }
}
