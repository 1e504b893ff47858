using ModelMonitoring.Estimation;

namespace ModelMonitoring.Tests.Estimation;

/// <summary>
/// The expected ROC area of sorted scores against its definition over pairs (each prediction counts p of a positive and
/// 1 − p of a negative; a positive above a negative counts 1, a tie ½) and against <see cref="CbpeMath.AreaUnderRoc"/>.
/// </summary>
public class CbpeMathTests
{
    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 1_000)]
    [InlineData(3, 1_000_000)]
    public void AreaUnderSortedRoc_EqualsTheAreaOverPairs_WithTies(int seed, int levels)
    {
        var (scores, probabilities) = Sample(seed, 400, levels);
        Array.Sort(scores, probabilities);

        var area = CbpeMath.AreaUnderSortedRoc(scores, probabilities);

        var expected = PairwiseArea(scores, probabilities);
        area.ShouldBe(expected, 1e-12 * expected);
    }

    [Theory]
    [InlineData(4, 10)]
    [InlineData(5, 1_000_000)]
    public void AreaUnderSortedRoc_OfSortedScores_EqualsAreaUnderRocBitForBit(int seed, int levels)
    {
        var (scores, probabilities) = Sample(seed, 5_000, levels);
        var sortedScores = scores.ToArray();
        var sortedProbabilities = probabilities.ToArray();
        sortedScores.AsSpan().Sort(sortedProbabilities.AsSpan()); // the sort AreaUnderRoc does: the same order within ties

        var area = CbpeMath.AreaUnderSortedRoc(sortedScores, sortedProbabilities);

        BitConverter.DoubleToInt64Bits(area).ShouldBe(BitConverter.DoubleToInt64Bits(CbpeMath.AreaUnderRoc(scores, probabilities)));
    }

    [Fact]
    public void AreaUnderSortedRoc_WithoutExpectedNegatives_IsNaN() =>
        double.IsNaN(CbpeMath.AreaUnderSortedRoc([0.1, 0.5, 0.9], [1, 1, 1])).ShouldBeTrue();

    private static (double[] Scores, double[] Probabilities) Sample(int seed, int count, int levels)
    {
        var random = new Random(seed);
        var scores = Enumerable.Range(0, count).Select(_ => (double)random.Next(levels) / levels).ToArray();
        var probabilities = scores.Select(s => Math.Clamp(s + ((random.NextDouble() - 0.5) / 2), 0, 1)).ToArray();
        return (scores, probabilities);
    }

    private static double PairwiseArea(double[] scores, double[] probabilities)
    {
        double area = 0, positives = 0, negatives = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            positives += probabilities[i];
            negatives += 1 - probabilities[i];
            for (var j = 0; j < scores.Length; j++)
            {
                var order = scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                area += probabilities[i] * (1 - probabilities[j]) * order;
            }
        }

        return area / (positives * negatives);
    }
}
