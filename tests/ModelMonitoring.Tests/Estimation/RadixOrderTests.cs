using ModelMonitoring.Estimation;

namespace ModelMonitoring.Tests.Estimation;

/// <summary>
/// The radix sort against a stable comparison sort by value (LINQ's <c>OrderBy</c>, where −0.0 and +0.0 compare equal):
/// the same keys and the same permutation, so equal keys keep their index order.
/// </summary>
public class RadixOrderTests
{
    public static TheoryData<string> Cases() => ["wide", "unit", "low bits", "all equal", "single", "empty"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sort_GivesTheStableOrderByValue(string name)
    {
        var values = Values(name);
        var keys = values.ToArray();
        var items = Enumerable.Range(0, keys.Length).ToArray();

        RadixOrder.Sort(keys, items, new ulong[keys.Length], new int[keys.Length]);

        var expected = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        items.ShouldBe(expected);
        for (var r = 0; r < keys.Length; r++)
        {
            // Bit for bit: the same value, and −0.0 written back as +0.0.
            var value = values[expected[r]] == 0 ? 0.0 : values[expected[r]];
            BitConverter.DoubleToInt64Bits(keys[r]).ShouldBe(BitConverter.DoubleToInt64Bits(value), $"rank {r}");
        }
    }

    [Fact]
    public void Sort_NegativeAndPositiveZero_AreOneRunOfTiesInIndexOrder()
    {
        double[] keys = [0.0, -1, -0.0, 1, 0.0, -0.0];
        int[] items = [0, 1, 2, 3, 4, 5];

        RadixOrder.Sort(keys, items, new ulong[6], new int[6]);

        items.ShouldBe([1, 0, 2, 4, 5, 3]);
        keys.Select(BitConverter.DoubleToInt64Bits).ShouldBe(new[] { -1.0, 0, 0, 0, 0, 1 }.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Sort_WithLargerScratchSpace_UsesItsStartOnly()
    {
        double[] keys = [0.75, 0.25, 0.5, 0.25];
        int[] items = [0, 1, 2, 3];

        RadixOrder.Sort(keys, items, new ulong[100], new int[100]);

        keys.ShouldBe([0.25, 0.25, 0.5, 0.75]);
        items.ShouldBe([1, 3, 2, 0]);
    }

    private static double[] Values(string name)
    {
        var random = new Random(name.Length);
        switch (name)
        {
            case "wide":
                // Both signs, both zeros, denormals, extremes and many repeats: all six digits vary (an even number of passes).
                double[] special = [0.0, -0.0, double.Epsilon, -double.Epsilon, 1e-310, -1e-310, double.MaxValue, double.MinValue, double.PositiveInfinity, double.NegativeInfinity, 1e300, -1e-300, 1, -1];
                return [.. Enumerable.Range(0, 5_000).Select(i => (i % 4) switch
                {
                    0 => special[random.Next(special.Length)],
                    1 => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-300, 300)),
                    2 => Math.Round(random.NextDouble() * 10, 1) - 5,
                    _ => AnyBits(random),
                })];
            case "unit":
                // Scores in [0.5, 1): the top digit is skipped, five passes leave the keys in the scratch space.
                return [.. Enumerable.Range(0, 5_000).Select(i => i % 3 == 0 ? Math.Round(0.5 + (random.NextDouble() / 2), 2) : 0.5 + (random.NextDouble() / 2))];
            case "low bits":
                // Only the lowest digit differs: one pass.
                return [.. Enumerable.Range(0, 3_000).Select(_ => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(0.5) + random.Next(2_048)))];
            case "all equal":
                return [.. Enumerable.Repeat(0.3, 100)];
            case "single":
                return [-0.0];
            default:
                return [];
        }
    }

    private static double AnyBits(Random random)
    {
        var value = BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue));
        return double.IsNaN(value) ? 0.0 : value;
    }
}
