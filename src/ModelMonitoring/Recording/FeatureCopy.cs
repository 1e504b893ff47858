using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ModelMonitoring.Recording;

/// <summary>
/// Copies and checks numeric feature values on the recording path. A double is NaN or infinite
/// exactly when its exponent bits are all set, and infinite when, the sign left out, its bits are the
/// exponent bits alone; so either check is a mask and a comparison with the exponent bits, four values
/// at once. Features are a few dozen values at most, where a call to Memmove and a separate checking
/// pass cost more than one fused pass (see docs/benchmarks.md, "Feature copy").
/// </summary>
/// <remarks>
/// The mask says what is refused: <see cref="NotFinite"/> refuses NaN and infinities (a model whose
/// missing values are rejected), <see cref="Infinite"/> infinities only (NaN is a missing value, stored
/// as it is). Either costs the same instructions.
/// </remarks>
internal static class FeatureCopy
{
    /// <summary>The mask that refuses NaN and infinities.</summary>
    public const long NotFinite = ExponentMask;

    /// <summary>The mask that refuses infinities only: NaN passes as a missing value.</summary>
    public const long Infinite = long.MaxValue;

    private const long ExponentMask = 0x7FF0_0000_0000_0000;

    /// <summary>Gets the mask that refuses what <paramref name="handling"/> does not store.</summary>
    public static long MaskFor(MissingValueHandling handling) => handling == MissingValueHandling.Reject ? NotFinite : Infinite;

    /// <summary>
    /// Copies <paramref name="count"/> values and reports whether none of them is refused by
    /// <paramref name="refuse"/> (<see cref="NotFinite"/> or <see cref="Infinite"/>), four at a time, the
    /// last four overlapping the ones before them rather than finishing value by value.
    /// </summary>
    /// <remarks>Both references must have <paramref name="count"/> values behind them; the caller checks the lengths.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryCopyValid(ref double source, ref double destination, int count, long refuse) =>
        CanCopyByVectors(count) ? TryCopyValidBy256BitVectors(ref source, ref destination, count, refuse) : TryCopyValidScalar(ref source, ref destination, count, refuse);

    /// <summary>Gets a value indicating whether <see cref="TryCopyValidBy256BitVectors"/> can copy <paramref name="count"/> values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool CanCopyByVectors(int count) => Vector256.IsHardwareAccelerated && count >= Vector256<double>.Count;

    /// <summary>
    /// <see cref="TryCopyValid"/> four values at a time, for counts that <see cref="CanCopyByVectors"/>
    /// accepts: vectors only, and no call, so that a caller keeps nothing in saved registers for it.
    /// 256-bit vectors rather than 512-bit ones, because the wider copy bought nothing (see
    /// docs/benchmarks.md, "Feature copy").
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryCopyValidBy256BitVectors(ref double source, ref double destination, int count, long refuse)
    {
        // The first and the last four values cover counts up to eight without a loop; the loop takes
        // the four-value blocks between them.
        var mask = Vector256.Create(refuse);
        var exponent = Vector256.Create(ExponentMask);
        var last = (nuint)(uint)(count - Vector256<double>.Count);
        var head = Vector256.LoadUnsafe(ref source);
        var tail = Vector256.LoadUnsafe(ref source, last);
        head.StoreUnsafe(ref destination);
        tail.StoreUnsafe(ref destination, last);
        var special = Vector256.Equals(head.AsInt64() & mask, exponent) | Vector256.Equals(tail.AsInt64() & mask, exponent);
        for (nuint i = (nuint)Vector256<double>.Count; i < last; i += (nuint)Vector256<double>.Count)
        {
            var values = Vector256.LoadUnsafe(ref source, i);
            values.StoreUnsafe(ref destination, i);
            special |= Vector256.Equals(values.AsInt64() & mask, exponent);
        }

        return special == Vector256<long>.Zero;
    }

    /// <summary>Reports whether no value is refused by <paramref name="refuse"/>.</summary>
    public static bool AllValid(ReadOnlySpan<double> values, long refuse)
    {
        var bits = MemoryMarshal.Cast<double, long>(values);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var mask = Vector256.Create(refuse);
            var exponent = Vector256.Create(ExponentMask);
            for (; i <= bits.Length - Vector256<long>.Count; i += Vector256<long>.Count)
            {
                if (Vector256.EqualsAny(Vector256.Create(bits.Slice(i, Vector256<long>.Count)) & mask, exponent))
                {
                    return false;
                }
            }
        }

        for (; i < bits.Length; i++)
        {
            if ((bits[i] & refuse) == ExponentMask)
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TryCopyValidScalar(ref double source, ref double destination, int count, long refuse)
    {
        var valid = true;
        for (var i = 0; i < count; i++)
        {
            var value = Unsafe.Add(ref source, i);
            Unsafe.Add(ref destination, i) = value;
            valid &= (BitConverter.DoubleToInt64Bits(value) & refuse) != ExponentMask;
        }

        return valid;
    }
}
