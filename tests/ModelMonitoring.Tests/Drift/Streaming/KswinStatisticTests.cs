using ModelMonitoring.Drift.Streaming;

namespace ModelMonitoring.Tests.Drift.Streaming;

/// <summary>
/// KSWIN's two-sample statistic without sorting the drawn sample equals n·D by its definition (SciPy's: the largest gap
/// between the two empirical CDFs over every observed value), for continuous values, heavy ties and 0/1 error streams.
/// </summary>
public sealed class KswinStatisticTests
{
    [Theory]
    [InlineData(30, 0)]    // continuous
    [InlineData(30, 2)]    // 0/1, as per-label errors
    [InlineData(30, 4)]    // heavy ties
    [InlineData(7, 3)]
    [InlineData(1, 2)]
    public void StatisticSteps_EqualsTheDefinition(int n, int levels)
    {
        var random = new Random(n * 31 + levels);
        var below = new int[n + 1];
        var equal = new int[n + 1];
        for (var trial = 0; trial < 2_000; trial++)
        {
            var drawn = Sample(random, n, levels, shift: trial % 3 == 0 ? 0.5 : 0);
            var recent = Sample(random, n, levels, shift: 0);
            Array.Sort(recent);

            KswinDetector.StatisticSteps(drawn, recent, below, equal).ShouldBe(ByDefinition(drawn, recent), $"trial {trial}");
        }
    }

    private static double[] Sample(Random random, int n, int levels, double shift) =>
        [.. Enumerable.Range(0, n).Select(_ => levels == 0 ? random.NextDouble() + shift : Math.Min(levels - 1, random.Next(levels) + (random.NextDouble() < shift ? 1 : 0)))];

    private static int ByDefinition(double[] a, double[] b) =>
        a.Concat(b).Max(t => Math.Abs(a.Count(x => x <= t) - b.Count(x => x <= t)));
}
