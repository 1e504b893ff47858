using System.Runtime.InteropServices;
using ModelMonitoring.Recording;

namespace ModelMonitoring.Tests.Recording;

// Every copy routine, for every count it takes and every position of a value that is not finite: the
// vector routines overlap their first and last blocks, so a wrong offset would miss a value or copy
// one twice into the wrong place.
public class FeatureCopyTests
{
    public static TheoryData<double> NotFinite => new()
    {
        double.NaN,
        -double.NaN,
        BitConverter.Int64BitsToDouble(0x7FF0_0000_0000_0001),
        BitConverter.Int64BitsToDouble(unchecked((long)0xFFFF_FFFF_FFFF_FFFF)),
        double.PositiveInfinity,
        double.NegativeInfinity,
    };

    [Fact]
    public void EveryRoutine_FiniteValues_CopiesEachValueExactlyAndReportsFinite()
    {
        foreach (var (name, minimum, copy) in Routines())
        {
            for (var count = minimum; count <= 40; count++)
            {
                var source = FiniteValues(count);
                var destination = new double[count + 2];
                destination[0] = destination[^1] = 123;

                copy(source, destination.AsSpan(1, count)).ShouldBeTrue($"{name}, {count} values");

                destination.AsSpan(1, count).ToArray().Select(BitConverter.DoubleToInt64Bits)
                    .ShouldBe(source.Select(BitConverter.DoubleToInt64Bits), $"{name}, {count} values");
                destination[0].ShouldBe(123, $"{name} wrote before the destination");
                destination[^1].ShouldBe(123, $"{name} wrote after the destination");
            }
        }
    }

    [Theory]
    [MemberData(nameof(NotFinite))]
    public void EveryRoutine_OneValueNotFiniteAtAnyPosition_ReportsIt(double special)
    {
        foreach (var (name, minimum, copy) in Routines())
        {
            for (var count = minimum; count <= 40; count++)
            {
                for (var at = 0; at < count; at++)
                {
                    var source = FiniteValues(count);
                    source[at] = special;

                    copy(source, new double[count]).ShouldBeFalse($"{name}, {count} values, at {at}");
                }
            }
        }
    }

    public static TheoryData<double> NaNs => new()
    {
        double.NaN,
        -double.NaN,
        BitConverter.Int64BitsToDouble(0x7FF0_0000_0000_0001),
        BitConverter.Int64BitsToDouble(unchecked((long)0xFFFF_FFFF_FFFF_FFFF)),
    };

    [Theory]
    [MemberData(nameof(NaNs))]
    public void EveryRoutine_InfiniteMask_PassesNaNAsMissingAndCopiesItsBits(double nan)
    {
        foreach (var (name, minimum, copy) in Routines(FeatureCopy.Infinite))
        {
            for (var count = minimum; count <= 40; count++)
            {
                for (var at = 0; at < count; at++)
                {
                    var source = FiniteValues(count);
                    source[at] = nan;
                    var destination = new double[count];

                    copy(source, destination).ShouldBeTrue($"{name}, {count} values, NaN at {at}");
                    BitConverter.DoubleToInt64Bits(destination[at]).ShouldBe(BitConverter.DoubleToInt64Bits(nan));
                }
            }
        }
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void EveryRoutine_InfiniteMask_StillRefusesInfinities(double infinity)
    {
        foreach (var (name, minimum, copy) in Routines(FeatureCopy.Infinite))
        {
            for (var count = minimum; count <= 40; count++)
            {
                for (var at = 0; at < count; at++)
                {
                    var source = FiniteValues(count);
                    source[at] = infinity;

                    copy(source, new double[count]).ShouldBeFalse($"{name}, {count} values, at {at}");
                }
            }
        }
    }

    [Fact]
    public void AllValid_AgreesWithTheCopyRoutines()
    {
        for (var count = 0; count <= 40; count++)
        {
            var values = FiniteValues(count);
            FeatureCopy.AllValid(values, FeatureCopy.NotFinite).ShouldBeTrue();
            FeatureCopy.AllValid(values, FeatureCopy.Infinite).ShouldBeTrue();
            for (var at = 0; at < count; at++)
            {
                var withNaN = (double[])values.Clone();
                withNaN[at] = double.NaN;
                FeatureCopy.AllValid(withNaN, FeatureCopy.NotFinite).ShouldBeFalse($"{count} values, NaN at {at}");
                FeatureCopy.AllValid(withNaN, FeatureCopy.Infinite).ShouldBeTrue($"{count} values, NaN at {at}");
                withNaN[at] = double.NegativeInfinity;
                FeatureCopy.AllValid(withNaN, FeatureCopy.Infinite).ShouldBeFalse($"{count} values, -inf at {at}");
            }
        }
    }

    [Fact]
    public void CanCopyByVectors_TakesFourOrMoreWhereTheProcessorHasVectors()
    {
        FeatureCopy.CanCopyByVectors(3).ShouldBeFalse();
        FeatureCopy.CanCopyByVectors(4).ShouldBe(System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated);
    }

    // The largest and smallest magnitudes, subnormals and signed zeros: finite values whose exponent
    // bits are all clear or nearly all set.
    private static double[] FiniteValues(int count)
    {
        double[] edges = [double.MaxValue, -double.MaxValue, double.Epsilon, -double.Epsilon, 0.0, -0.0, BitConverter.Int64BitsToDouble(0x7FEF_FFFF_FFFF_FFFF), 1e-310, 1.5, -42];
        return [.. Enumerable.Range(0, count).Select(i => edges[i % edges.Length] + (i >= edges.Length ? i : 0))];
    }

    private static IEnumerable<(string Name, int Minimum, Func<double[], Span<double>, bool> Copy)> Routines(long refuse = FeatureCopy.NotFinite)
    {
        yield return ("TryCopyValid", 0, (source, destination) => FeatureCopy.TryCopyValid(ref MemoryMarshal.GetArrayDataReference(source), ref MemoryMarshal.GetReference(destination), source.Length, refuse));
        if (FeatureCopy.CanCopyByVectors(4))
        {
            yield return ("TryCopyValidBy256BitVectors", 4, (source, destination) => FeatureCopy.TryCopyValidBy256BitVectors(ref MemoryMarshal.GetArrayDataReference(source), ref MemoryMarshal.GetReference(destination), source.Length, refuse));
        }
    }
}
