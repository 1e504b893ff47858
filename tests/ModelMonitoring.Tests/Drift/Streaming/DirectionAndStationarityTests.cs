using ModelMonitoring.Drift.Streaming;

namespace ModelMonitoring.Tests.Drift.Streaming;

/// <summary>
/// Behaviour beyond River's examples, on streams drawn here with a seeded <see cref="Random"/>
/// (deterministic, so the stated indices are exact).
/// </summary>
public sealed class DirectionAndStationarityTests
{
    // Error rate 0.7, falling to 0.2 at index 1,000: the model got better.
    private static readonly double[] Falling = Detectors.Bernoulli(seed: 11, length: 2_000, before: 0.7, after: 0.2, change: 1_000);

    // Error rate 0.3 throughout, 20,000 labels.
    private static readonly double[] Stationary = Detectors.Bernoulli(seed: 5, length: 20_000, before: 0.3, after: 0.3, change: 0);

    [Theory]
    [InlineData(DriftDirection.Increase, new int[0])]
    [InlineData(DriftDirection.Decrease, new[] { 1_017 })]
    [InlineData(DriftDirection.Both, new[] { 1_017 })]
    public void HddmA_ErrorRateFalls_DetectedOnlyWhenDecreasesAreWatched(DriftDirection direction, int[] expected) =>
        RiverFixture.DriftIndices(StreamingDriftDetectors.HddmA(direction: direction), Falling).ShouldBe(expected);

    [Theory]
    [InlineData(DriftDirection.Increase, new[] { 1_006 }, new int[0])]
    [InlineData(DriftDirection.Decrease, new int[0], new[] { 1_003 })]
    [InlineData(DriftDirection.Both, new[] { 1_006 }, new[] { 1_003 })]
    public void PageHinkley_MeanRisesOrFalls_DetectedInTheWatchedDirection(DriftDirection direction, int[] rising, int[] falling)
    {
        // River's numeric example stream (mean 0.5, then 5.5 from index 1,000) and its mirror.
        var numeric = RiverFixture.Stream("numeric");
        var mirrored = numeric.Skip(1_000).Concat(numeric.Take(1_000)).ToArray();

        RiverFixture.DriftIndices(StreamingDriftDetectors.PageHinkley(direction: direction), numeric).ShouldBe(rising);
        RiverFixture.DriftIndices(StreamingDriftDetectors.PageHinkley(direction: direction), mirrored).ShouldBe(falling);
    }

    [Theory]
    [InlineData("ddm")]
    [InlineData("eddm")]
    [InlineData("hddm_a")]
    [InlineData("adwin")]
    [InlineData("kswin")]
    public void DefaultParameters_StationaryErrorRate_NoDetectionIn20000Labels(string name)
    {
        IStreamingDriftDetector detector = name switch
        {
            "ddm" => StreamingDriftDetectors.Ddm(),
            "eddm" => StreamingDriftDetectors.Eddm(),
            "hddm_a" => StreamingDriftDetectors.HddmA(),
            "adwin" => StreamingDriftDetectors.Adwin(),
            _ => StreamingDriftDetectors.Kswin(),
        };

        RiverFixture.DriftIndices(detector, Stationary).ShouldBeEmpty();
    }

    [Fact]
    public void PageHinkley_StationaryErrorRate_FirstFalseAlarmAfter11000Labels() =>
        // The fading factor 0.9999 lets the cumulative sums wander: the default threshold of 50
        // holds for 11,744 labels of a stationary 0/1 stream, not for ever.
        RiverFixture.DriftIndices(StreamingDriftDetectors.PageHinkley(), Stationary).ShouldBe([11_744]);

    [Fact]
    public void Kswin_Seed_DecidesTheDrawsAndSoTheDetections()
    {
        // The same stationary stream: seed 42 (the default) raises nothing, seed 1 one false alarm.
        RiverFixture.DriftIndices(StreamingDriftDetectors.Kswin(seed: 42), Stationary).ShouldBeEmpty();
        RiverFixture.DriftIndices(StreamingDriftDetectors.Kswin(seed: 1), Stationary).ShouldBe([17_276]);

        // A real change is found whatever the seed: 22 labels after the error rate fell.
        RiverFixture.DriftIndices(StreamingDriftDetectors.Kswin(seed: 42), Falling).ShouldBe([1_022]);
        RiverFixture.DriftIndices(StreamingDriftDetectors.Kswin(seed: 1), Falling).ShouldBe([1_022]);
    }

    [Fact]
    public void Adwin_ErrorRateFalls_DetectedWithin100Labels() =>
        RiverFixture.DriftIndices(StreamingDriftDetectors.Adwin(), Falling).ShouldBe([1_087]);
}
