using MathNet.Numerics;

namespace ModelMonitoring.Statistics;

/// <summary>
/// Pearson's chi-square test of homogeneity on the 2×k table formed by two count vectors, as
/// SciPy's <c>chi2_contingency(table, correction=False)</c>. Categories empty in both samples
/// are dropped first (SciPy raises for them, since their expected frequency is zero).
/// </summary>
internal static class ChiSquare
{
    public static TwoSampleResult Test(ReadOnlySpan<long> reference, ReadOnlySpan<long> current)
    {
        SampleGuard.Counts(reference, current);
        long total1 = 0, total2 = 0;
        var categories = 0;
        for (var i = 0; i < reference.Length; i++)
        {
            total1 += reference[i];
            total2 += current[i];
            if (reference[i] + current[i] > 0)
            {
                categories++;
            }
        }

        var dof = categories - 1;
        if (dof == 0)
        {
            return new TwoSampleResult(TwoSampleMethods.ChiSquare, 0.0, 1.0);
        }

        double total = total1 + total2;
        var statistic = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            double column = reference[i] + current[i];
            if (column == 0)
            {
                continue;
            }

            var expected1 = total1 * column / total;
            var expected2 = total2 * column / total;
            var d1 = reference[i] - expected1;
            var d2 = current[i] - expected2;
            statistic += (d1 * d1 / expected1) + (d2 * d2 / expected2);
        }

        var p = SpecialFunctions.GammaUpperRegularized(dof / 2.0, statistic / 2.0);
        return new TwoSampleResult(TwoSampleMethods.ChiSquare, statistic, p);
    }
}
