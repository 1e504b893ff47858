using System.Buffers;

namespace ModelMonitoring.Statistics;

/// <summary>
/// Copies a sample, rejecting non-finite values, and sorts it ascending. Large samples use an
/// LSD radix sort on the IEEE-754 bit patterns, which makes a fixed number of passes instead of
/// n log n comparisons (see docs/benchmarks.md, "Radix sort") and gives the same order (−0.0 sorts
/// before +0.0; they compare equal).
/// </summary>
internal static class SampleSorter
{
    private const int RadixThreshold = 4096;
    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;
    private const int Passes = (64 + DigitBits - 1) / DigitBits;

    public static void CopySorted(ReadOnlySpan<double> source, Span<double> destination, string paramName)
    {
        if (source.Length < RadixThreshold)
        {
            var target = destination[..source.Length];
            source.CopyTo(target);
            SampleGuard.Finite(target, paramName);
            target.Sort();
            return;
        }

        var keys = ArrayPool<ulong>.Shared.Rent(source.Length);
        var scratch = ArrayPool<ulong>.Shared.Rent(source.Length);
        var counts = ArrayPool<int>.Shared.Rent(Passes * Buckets);
        try
        {
            var histograms = counts.AsSpan(0, Passes * Buckets);
            histograms.Clear();
            RadixSort(source, destination, keys.AsSpan(0, source.Length), scratch.AsSpan(0, source.Length), histograms, paramName);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keys);
            ArrayPool<ulong>.Shared.Return(scratch);
            ArrayPool<int>.Shared.Return(counts);
        }
    }

    private static void RadixSort(
        ReadOnlySpan<double> source,
        Span<double> destination,
        Span<ulong> keys,
        Span<ulong> scratch,
        Span<int> counts,
        string paramName)
    {
        for (var i = 0; i < source.Length; i++)
        {
            var value = source[i];
            if (!double.IsFinite(value))
            {
                throw SampleGuard.NotFinite(value, i, paramName);
            }

            var key = ToKey(value);
            keys[i] = key;
            for (var pass = 0; pass < Passes; pass++)
            {
                counts[(pass * Buckets) + (int)((key >> (pass * DigitBits)) & (Buckets - 1))]++;
            }
        }

        var from = keys;
        var to = scratch;
        for (var pass = 0; pass < Passes; pass++)
        {
            var histogram = counts.Slice(pass * Buckets, Buckets);
            var shift = pass * DigitBits;
            if (histogram[(int)((from[0] >> shift) & (Buckets - 1))] == from.Length)
            {
                continue; // every key has the same digit here: the pass would not move anything
            }

            var offset = 0;
            for (var b = 0; b < Buckets; b++)
            {
                var c = histogram[b];
                histogram[b] = offset;
                offset += c;
            }

            foreach (var key in from)
            {
                to[histogram[(int)((key >> shift) & (Buckets - 1))]++] = key;
            }

            var swap = from;
            from = to;
            to = swap;
        }

        for (var i = 0; i < from.Length; i++)
        {
            destination[i] = FromKey(from[i]);
        }
    }

    // Maps the bit pattern so that unsigned order equals numeric order.
    private static ulong ToKey(double value)
    {
        var bits = (ulong)BitConverter.DoubleToInt64Bits(value);
        return (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
    }

    private static double FromKey(ulong key)
    {
        var bits = (key & 0x8000_0000_0000_0000UL) != 0 ? key & 0x7FFF_FFFF_FFFF_FFFFUL : ~key;
        return BitConverter.Int64BitsToDouble((long)bits);
    }
}
