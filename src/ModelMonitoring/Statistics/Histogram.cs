namespace ModelMonitoring.Statistics;

/// <summary>
/// Fixed bins computed once from a numeric reference sample, with the reference's counts, so that
/// binned distances (PSI, Jensen-Shannon, Kullback-Leibler, Hellinger) can compare many current
/// windows without re-binning or re-sorting the reference.
/// </summary>
/// <remarks>
/// <para>
/// The regular bins are NumPy's <c>np.histogram_bin_edges(reference, bins='sturges')</c>:
/// k = ⌈range / (range / (log₂ n + 1))⌉ equal-width bins from the reference minimum to its
/// maximum (a constant reference gets one bin, [c − 0.5, c + 0.5]). Each regular bin is
/// half-open, [e_i, e_{i+1}), except the last, which includes its right edge, exactly as
/// <c>np.histogram</c>.
/// </para>
/// <para>
/// Every finite reference works, up to ±<see cref="double.MaxValue"/>: where the range itself
/// overflows a double (NumPy fails there), the same edges are computed from half the range; and
/// where 0.5 is below a constant's precision, its bin reaches to the neighbouring doubles instead.
/// </para>
/// <para>
/// Two open bins are added so that no current value is dropped: an underflow bin for values
/// below the reference minimum and an overflow bin for values above its maximum. There are
/// therefore k + 2 bins in all, and the reference's own counts in the two outer bins are zero.
/// </para>
/// <para>
/// Public as <see cref="Drift.FeatureProfile.Histogram"/>, for a custom <see cref="Drift.DriftMethod"/>
/// that bins current values as the built-in binned distances do (<see cref="Count"/>).
/// </para>
/// </remarks>
public sealed class Histogram
{
    private readonly double[] _edges;
    private readonly long[] _referenceCounts;
    private readonly double _halfFirst;
    private readonly double _scale;

    private Histogram(double[] edges, long[] referenceCounts, long referenceTotal)
    {
        _edges = edges;

        // Bins per half unit, from half the range: the full range of ±double.MaxValue overflows.
        _halfFirst = 0.5 * edges[0];
        _scale = (edges.Length - 1) / ((0.5 * edges[^1]) - _halfFirst);
        _referenceCounts = referenceCounts;
        ReferenceTotal = referenceTotal;
    }

    /// <summary>Gets the regular bin edges e_0 &lt; … &lt; e_k.</summary>
    public ReadOnlySpan<double> Edges => _edges;

    /// <summary>Gets the number of bins, including the underflow and overflow bins (k + 2).</summary>
    public int BinCount => _edges.Length + 1;

    /// <summary>Gets the reference's count in each bin; index 0 is the underflow bin.</summary>
    public ReadOnlySpan<long> ReferenceCounts => _referenceCounts;

    /// <summary>Gets the number of reference values.</summary>
    public long ReferenceTotal { get; }

    /// <summary>Builds Sturges bins from <paramref name="reference"/> and counts it.</summary>
    /// <param name="reference">The reference sample; must be non-empty and finite.</param>
    /// <returns>The bins and the reference counts.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="reference"/> is empty or contains NaN or an infinity.
    /// </exception>
    public static Histogram FromReference(ReadOnlySpan<double> reference)
    {
        SampleGuard.NotEmpty(reference.Length, nameof(reference));
        SampleGuard.Finite(reference, nameof(reference));
        var edges = SturgesEdges(reference);
        var histogram = new Histogram(edges, new long[edges.Length + 1], reference.Length);
        histogram.CountInto(reference, histogram._referenceCounts, nameof(reference));
        return histogram;
    }

    // Restores stored bins and reference counts (k + 1 ascending edges, k + 2 counts) without the reference values.
    internal static Histogram FromStored(double[] edges, long[] referenceCounts, long referenceTotal) =>
        new(edges, referenceCounts, referenceTotal);

    /// <summary>Counts <paramref name="values"/> into <paramref name="counts"/>, overwriting it.</summary>
    /// <param name="values">The values to count; must be finite.</param>
    /// <param name="counts">Destination with exactly <see cref="BinCount"/> elements.</param>
    /// <exception cref="ArgumentException">
    /// <paramref name="counts"/> has the wrong length, or <paramref name="values"/> contains NaN
    /// or an infinity.
    /// </exception>
    public void Count(ReadOnlySpan<double> values, Span<long> counts)
    {
        if (counts.Length != BinCount)
        {
            throw new ArgumentException($"Expected {BinCount} counts, got {counts.Length}.", nameof(counts));
        }

        counts.Clear();
        CountInto(values, counts, nameof(values));
    }

    internal void CountInto(ReadOnlySpan<double> values, Span<long> counts, string paramName)
    {
        var edges = _edges;
        var first = edges[0];
        var last = edges[^1];
        var regular = edges.Length - 1;
        for (var i = 0; i < values.Length; i++)
        {
            var x = values[i];
            if (x >= first && x <= last)
            {
                // Arithmetic guess, then corrected against the stored edges so that the bin
                // boundaries are exactly e_i (as np.histogram's searchsorted rule).
                var bin = Math.Min((int)(((0.5 * x) - _halfFirst) * _scale), regular - 1);
                while (x < edges[bin])
                {
                    bin--;
                }

                while (bin < regular - 1 && x >= edges[bin + 1])
                {
                    bin++;
                }

                counts[bin + 1]++;
            }
            else if (!double.IsFinite(x))
            {
                throw SampleGuard.NotFinite(x, i, paramName);
            }
            else
            {
                counts[x < first ? 0 : counts.Length - 1]++;
            }
        }
    }

    // np.histogram_bin_edges(a, bins='sturges') followed by np.linspace's arithmetic, in halves
    // where the range overflows: first/2 + i·(range/2)/k never overflows and doubling is exact.
    private static double[] SturgesEdges(ReadOnlySpan<double> reference)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var value in reference)
        {
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }

        var (first, last) = min == max ? ConstantBin(min) : (min, max);
        var sturges = Math.Log2(reference.Length) + 1.0;
        var halved = !double.IsFinite(last - first);
        var scale = halved ? 0.5 : 1.0;
        var range = (scale * last) - (scale * first);
        var width = ((scale * max) - (scale * min)) / sturges;
        var bins = width != 0 ? (int)Math.Ceiling(range / width) : 1;
        var edges = new double[bins + 1];
        var step = range / bins;
        for (var i = 0; i < bins; i++)
        {
            edges[i] = halved ? ((i * step) + (0.5 * first)) * 2 : (i * step) + first;
        }

        edges[bins] = last;
        return edges;
    }

    // NumPy's [c − 0.5, c + 0.5]; where 0.5 is below c's precision (|c| ≥ 2^53) that interval is
    // the single point c, so the bin reaches to c's neighbouring doubles, staying finite.
    private static (double First, double Last) ConstantBin(double c)
    {
        var first = c - 0.5;
        var last = c + 0.5;
        if (first == last)
        {
            first = c == -double.MaxValue ? c : Math.BitDecrement(c);
            last = c == double.MaxValue ? c : Math.BitIncrement(c);
        }

        return (first, last);
    }
}
