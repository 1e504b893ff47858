using ModelMonitoring.Estimation;

namespace ModelMonitoring.Tests.Estimation;

/// <summary>
/// <see cref="IsotonicCalibrator.PredictAscending"/> against <see cref="IsotonicCalibrator.Predict"/>, bit for bit: below
/// the first fitted point, exactly on each point, between points, above the last, with repeats.
/// </summary>
public class IsotonicCalibratorTests
{
    [Theory]
    [InlineData(1, 0.0, 1.0)]
    [InlineData(2, -3.0, 5.0)]
    [InlineData(3, 0.4, 0.6)]
    public void PredictAscending_EqualsPredictBitForBit(int seed, double low, double high)
    {
        var random = new Random(seed);
        var scores = Enumerable.Range(0, 2_000).Select(i => low + ((high - low) * (i % 5 == 0 ? Math.Round(random.NextDouble(), 2) : random.NextDouble()))).ToArray();
        var outcomes = scores.Select(s => random.NextDouble() < (s - low) / (high - low) ? 1.0 : 0.0).ToArray();
        var calibrator = IsotonicCalibrator.Fit(scores, outcomes);
        calibrator.Thresholds.Count.ShouldBeGreaterThan(10);

        var span = high - low;
        var thresholds = calibrator.Thresholds;
        var queries = Enumerable.Range(0, 5_000).Select(_ => low - (0.1 * span) + (1.2 * span * random.NextDouble()))
            .Concat(thresholds)
            .Concat(thresholds)
            .Concat(thresholds.Select(t => Math.BitIncrement(t)))
            .Concat(thresholds.Select(t => Math.BitDecrement(t)))
            .Concat([low - span, high + span, 0.0, -0.0, double.MinValue, double.MaxValue])
            .Order()
            .ToArray();

        var values = new double[queries.Length];
        calibrator.PredictAscending(queries, values);

        for (var i = 0; i < queries.Length; i++)
        {
            BitConverter.DoubleToInt64Bits(values[i]).ShouldBe(BitConverter.DoubleToInt64Bits(calibrator.Predict(queries[i])), $"score {queries[i]:R}");
        }
    }

    [Fact]
    public void PredictAscending_WithOneFittedPoint_GivesItsValueEverywhere()
    {
        var calibrator = IsotonicCalibrator.Fit([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 1]);
        var values = new double[3];

        calibrator.PredictAscending([0.1, 0.5, 0.9], values);

        values.ShouldBe([0.75, 0.75, 0.75]);
    }

    [Fact]
    public void PredictAscending_InterpolatesBetweenPointsAndClipsOutside()
    {
        var calibrator = IsotonicCalibrator.Fit([0, 1, 2], [0, 0.5, 1]);
        var values = new double[6];

        calibrator.PredictAscending([-1, 0, 0.5, 1, 1.5, 3], values);

        values.ShouldBe([0, 0, 0.25, 0.5, 0.75, 1]);
    }
}
