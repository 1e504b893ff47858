using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ModelMonitoring.Recording;

/// <summary>
/// Copies and checks numeric feature values on the recording path. A double is NaN or infinite
/// exactly when its exponent bits are all set, so four values are checked at once by a mask and a
/// comparison. Features are a few dozen values at most, where a call to Memmove and a separate
/// checking pass cost more than one fused pass (see docs/benchmarks.md, "Feature copy").
/// </summary>
internal static class FeatureCopy
{
    private const long ExponentMask = 0x7FF0_0000_0000_0000;

    /// <summary>
    /// Copies <paramref name="count"/> values and reports whether all of them are finite, four at a
    /// time, the last four overlapping the ones before them rather than finishing value by value.
    /// </summary>
    /// <remarks>Both references must have <paramref name="count"/> values behind them; the caller checks the lengths.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryCopyFinite(ref double source, ref double destination, int count) =>
        CanCopyByVectors(count) ? TryCopyFiniteBy256BitVectors(ref source, ref destination, count) : TryCopyFiniteScalar(ref source, ref destination, count);

    /// <summary>Gets a value indicating whether <see cref="TryCopyFiniteBy256BitVectors"/> can copy <paramref name="count"/> values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool CanCopyByVectors(int count) => Vector256.IsHardwareAccelerated && count >= Vector256<double>.Count;

    /// <summary>
    /// <see cref="TryCopyFinite"/> four values at a time, for counts that <see cref="CanCopyByVectors"/>
    /// accepts: vectors only, and no call, so that a caller keeps nothing in saved registers for it.
    /// 256-bit vectors rather than 512-bit ones, because the wider copy bought nothing (see
    /// docs/benchmarks.md, "Feature copy").
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryCopyFiniteBy256BitVectors(ref double source, ref double destination, int count)
    {
        // The first and the last four values cover counts up to eight without a loop; the loop takes
        // the four-value blocks between them.
        var mask = Vector256.Create(ExponentMask);
        var last = (nuint)(uint)(count - Vector256<double>.Count);
        var head = Vector256.LoadUnsafe(ref source);
        var tail = Vector256.LoadUnsafe(ref source, last);
        head.StoreUnsafe(ref destination);
        tail.StoreUnsafe(ref destination, last);
        var special = Vector256.Equals(head.AsInt64() & mask, mask) | Vector256.Equals(tail.AsInt64() & mask, mask);
        for (nuint i = (nuint)Vector256<double>.Count; i < last; i += (nuint)Vector256<double>.Count)
        {
            var values = Vector256.LoadUnsafe(ref source, i);
            values.StoreUnsafe(ref destination, i);
            special |= Vector256.Equals(values.AsInt64() & mask, mask);
        }

        return special == Vector256<long>.Zero;
    }

    /// <summary>Reports whether every value is finite.</summary>
    public static bool AllFinite(ReadOnlySpan<double> values)
    {
        var bits = MemoryMarshal.Cast<double, long>(values);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var mask = Vector256.Create(ExponentMask);
            for (; i <= bits.Length - Vector256<long>.Count; i += Vector256<long>.Count)
            {
                if (Vector256.EqualsAny(Vector256.Create(bits.Slice(i, Vector256<long>.Count)) & mask, mask))
                {
                    return false;
                }
            }
        }

        for (; i < bits.Length; i++)
        {
            if ((bits[i] & ExponentMask) == ExponentMask)
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TryCopyFiniteScalar(ref double source, ref double destination, int count)
    {
        var finite = true;
        for (var i = 0; i < count; i++)
        {
            var value = Unsafe.Add(ref source, i);
            Unsafe.Add(ref destination, i) = value;
            finite &= (BitConverter.DoubleToInt64Bits(value) & ExponentMask) != ExponentMask;
        }

        return finite;
    }
}
