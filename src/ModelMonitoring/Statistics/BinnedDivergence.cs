namespace ModelMonitoring.Statistics;

/// <summary>
/// Divergences between two count vectors over the same bins. Counts become proportions of their
/// own totals, and every empty bin's proportion is replaced by
/// <see cref="BinnedDistances.EmptyBinProportion"/> (Evidently's rule) so that logarithms stay
/// finite; proportions are not renormalised after the replacement, except where the SciPy
/// function named below normalises its inputs itself.
/// </summary>
internal static class BinnedDivergence
{
    // Σ (p − q) ln(p / q).
    public static double Psi(ReadOnlySpan<long> reference, ReadOnlySpan<long> current)
    {
        var (totalP, totalQ) = Totals(reference, current);
        var sum = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            var p = Proportion(reference[i], totalP);
            var q = Proportion(current[i], totalQ);
            sum += (p - q) * Math.Log(p / q);
        }

        return sum;
    }

    // scipy.stats.entropy(p, q): both renormalised, Σ p ln(p / q).
    public static double KullbackLeibler(ReadOnlySpan<long> reference, ReadOnlySpan<long> current)
    {
        var (sumP, sumQ) = SmoothedSums(reference, current);
        var (totalP, totalQ) = Totals(reference, current);
        var sum = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            var p = Proportion(reference[i], totalP) / sumP;
            var q = Proportion(current[i], totalQ) / sumQ;
            sum += p * Math.Log(p / q);
        }

        return sum;
    }

    // scipy.spatial.distance.jensenshannon(p, q, base=2).
    public static double JensenShannon(ReadOnlySpan<long> reference, ReadOnlySpan<long> current)
    {
        var (sumP, sumQ) = SmoothedSums(reference, current);
        var (totalP, totalQ) = Totals(reference, current);
        double left = 0, right = 0;
        for (var i = 0; i < reference.Length; i++)
        {
            var p = Proportion(reference[i], totalP) / sumP;
            var q = Proportion(current[i], totalQ) / sumQ;
            var m = (p + q) / 2.0;
            left += p * Math.Log(p / m);
            right += q * Math.Log(q / m);
        }

        var js = (left + right) / Math.Log(2);
        return Math.Sqrt(js / 2.0);
    }

    // √(Σ (√p − √q)²) / √2 over renormalised proportions; between 0 and 1.
    public static double Hellinger(ReadOnlySpan<long> reference, ReadOnlySpan<long> current)
    {
        var (sumP, sumQ) = SmoothedSums(reference, current);
        var (totalP, totalQ) = Totals(reference, current);
        var sum = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            var d = Math.Sqrt(Proportion(reference[i], totalP) / sumP) - Math.Sqrt(Proportion(current[i], totalQ) / sumQ);
            sum += d * d;
        }

        return Math.Sqrt(sum) / Math.Sqrt(2);
    }

    private static double Proportion(long count, long total) =>
        count == 0 ? BinnedDistances.EmptyBinProportion : (double)count / total;

    private static (long P, long Q) Totals(ReadOnlySpan<long> reference, ReadOnlySpan<long> current)
    {
        SampleGuard.Counts(reference, current);
        long p = 0, q = 0;
        for (var i = 0; i < reference.Length; i++)
        {
            p += reference[i];
            q += current[i];
        }

        return (p, q);
    }

    private static (double P, double Q) SmoothedSums(ReadOnlySpan<long> reference, ReadOnlySpan<long> current)
    {
        var (totalP, totalQ) = Totals(reference, current);
        double p = 0, q = 0;
        for (var i = 0; i < reference.Length; i++)
        {
            p += Proportion(reference[i], totalP);
            q += Proportion(current[i], totalQ);
        }

        return (p, q);
    }
}
