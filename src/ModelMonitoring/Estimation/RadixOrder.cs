using System.Runtime.InteropServices;

namespace ModelMonitoring.Estimation;

/// <summary>
/// A stable least-significant-digit radix sort of doubles that carries an item (usually the key's index) with each key:
/// linear in the count, where a comparison sort of a window's scores spends most of the estimate. Each double's bits
/// become an unsigned key that orders as the value (sign bit flipped for positives, all bits for negatives), sorted by
/// six 11-bit digits from the lowest; a digit that every key shares is skipped, as the high digits of scores in [0, 1]
/// are. −0.0 is written back as +0.0 so that the two zeros, equal for <c>==</c>, are one run of ties in index order.
/// </summary>
internal static class RadixOrder
{
    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;
    private const int Passes = (64 + DigitBits - 1) / DigitBits;
    private const ulong DigitMask = Buckets - 1;
    private const ulong SignBit = 1UL << 63;

    /// <summary>Sorts <paramref name="keys"/> ascending and moves <paramref name="items"/> with them; equal keys keep their order.</summary>
    /// <param name="keys">The keys, not NaN; −0.0 becomes +0.0.</param>
    /// <param name="items">One item per key.</param>
    /// <param name="keyScratch">Scratch space, at least as long as <paramref name="keys"/>; its content is overwritten.</param>
    /// <param name="itemScratch">Scratch space, at least as long as <paramref name="keys"/>; its content is overwritten.</param>
    public static void Sort(Span<double> keys, Span<int> items, Span<ulong> keyScratch, Span<int> itemScratch)
    {
        var n = keys.Length;
        ArgumentOutOfRangeException.ThrowIfNotEqual(items.Length, n, nameof(items));
        ArgumentOutOfRangeException.ThrowIfLessThan(keyScratch.Length, n, nameof(keyScratch));
        ArgumentOutOfRangeException.ThrowIfLessThan(itemScratch.Length, n, nameof(itemScratch));

        // The keys' own memory holds the unsigned keys while sorting, so one more key buffer is enough.
        var bits = MemoryMarshal.Cast<double, ulong>(keys);

        // Every digit's histogram from one read of the keys: 48 KB of stack, not a per-call allocation.
        Span<int> counts = stackalloc int[Passes * Buckets];
        for (var i = 0; i < n; i++)
        {
            var key = ToKey(bits[i]);
            bits[i] = key;
            counts[(int)(key & DigitMask)]++;
            counts[Buckets + (int)((key >> DigitBits) & DigitMask)]++;
            counts[(2 * Buckets) + (int)((key >> (2 * DigitBits)) & DigitMask)]++;
            counts[(3 * Buckets) + (int)((key >> (3 * DigitBits)) & DigitMask)]++;
            counts[(4 * Buckets) + (int)((key >> (4 * DigitBits)) & DigitMask)]++;
            counts[(5 * Buckets) + (int)(key >> (5 * DigitBits))]++;
        }

        var source = bits;
        var target = keyScratch[..n];
        var sourceItems = items;
        var targetItems = itemScratch[..n];
        for (var pass = 0; pass < Passes && n > 1; pass++)
        {
            var shift = pass * DigitBits;
            var offsets = counts.Slice(pass * Buckets, Buckets);
            if (offsets[(int)((source[0] >> shift) & DigitMask)] == n)
            {
                continue;
            }

            var sum = 0;
            for (var b = 0; b < Buckets; b++)
            {
                var count = offsets[b];
                offsets[b] = sum;
                sum += count;
            }

            for (var i = 0; i < n; i++)
            {
                var key = source[i];
                ref var slot = ref offsets[(int)((key >> shift) & DigitMask)];
                target[slot] = key;
                targetItems[slot] = sourceItems[i];
                slot++;
            }

            var keysDone = target;
            target = source;
            source = keysDone;
            var itemsDone = targetItems;
            targetItems = sourceItems;
            sourceItems = itemsDone;
        }

        // An odd number of passes leaves the sorted keys in the scratch space.
        if (source != bits)
        {
            source.CopyTo(bits);
            sourceItems.CopyTo(items);
        }

        for (var i = 0; i < n; i++)
        {
            bits[i] = FromKey(bits[i]);
        }
    }

    private static ulong ToKey(ulong bits)
    {
        if (bits == SignBit)
        {
            return SignBit; // −0.0 as +0.0
        }

        return bits ^ ((ulong)((long)bits >> 63) | SignBit);
    }

    private static ulong FromKey(ulong key) => key ^ (~(ulong)((long)key >> 63) | SignBit);
}
