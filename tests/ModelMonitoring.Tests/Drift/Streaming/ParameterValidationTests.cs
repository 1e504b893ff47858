using ModelMonitoring.Drift.Streaming;

namespace ModelMonitoring.Tests.Drift.Streaming;

public sealed class ParameterValidationTests
{
    public static readonly TheoryData<string, Func<IStreamingDriftDetector>> Invalid = new()
    {
        { "warmStart", () => StreamingDriftDetectors.Ddm(warmStart: -1) },
        { "warningThreshold", () => StreamingDriftDetectors.Ddm(warningThreshold: 0) },
        { "driftThreshold", () => StreamingDriftDetectors.Ddm(driftThreshold: double.NaN) },
        { "driftThreshold", () => StreamingDriftDetectors.Ddm(warningThreshold: 3, driftThreshold: 2) },
        { "warmStart", () => StreamingDriftDetectors.Eddm(warmStart: -1) },
        { "alpha", () => StreamingDriftDetectors.Eddm(alpha: 1.5) },
        { "beta", () => StreamingDriftDetectors.Eddm(beta: 0) },
        { "alpha", () => StreamingDriftDetectors.Eddm(alpha: 0.8, beta: 0.9) },
        { "driftConfidence", () => StreamingDriftDetectors.HddmA(driftConfidence: 1) },
        { "warningConfidence", () => StreamingDriftDetectors.HddmA(warningConfidence: -0.1) },
        { "warningConfidence", () => StreamingDriftDetectors.HddmA(driftConfidence: 0.01, warningConfidence: 0.005) },
        { "direction", () => StreamingDriftDetectors.HddmA(direction: (DriftDirection)7) },
        { "delta", () => StreamingDriftDetectors.Adwin(delta: 0) },
        { "clock", () => StreamingDriftDetectors.Adwin(clock: 0) },
        { "maxBuckets", () => StreamingDriftDetectors.Adwin(maxBuckets: 0) },
        { "maxBuckets", () => StreamingDriftDetectors.Adwin(maxBuckets: 1_001) },
        { "minWindowLength", () => StreamingDriftDetectors.Adwin(minWindowLength: 0) },
        { "gracePeriod", () => StreamingDriftDetectors.Adwin(gracePeriod: -1) },
        { "minInstances", () => StreamingDriftDetectors.PageHinkley(minInstances: 0) },
        { "delta", () => StreamingDriftDetectors.PageHinkley(delta: -0.1) },
        { "threshold", () => StreamingDriftDetectors.PageHinkley(threshold: double.PositiveInfinity) },
        { "alpha", () => StreamingDriftDetectors.PageHinkley(alpha: 0) },
        { "direction", () => StreamingDriftDetectors.PageHinkley(direction: (DriftDirection)(-1)) },
        { "alpha", () => StreamingDriftDetectors.Kswin(alpha: 1) },
        { "windowSize", () => StreamingDriftDetectors.Kswin(windowSize: 1) },
        { "windowSize", () => StreamingDriftDetectors.Kswin(windowSize: 20_001) },
        { "statSize", () => StreamingDriftDetectors.Kswin(statSize: 0) },
        { "statSize", () => StreamingDriftDetectors.Kswin(windowSize: 100, statSize: 51) },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Create_InvalidParameter_ThrowsNamingIt(string parameter, Func<IStreamingDriftDetector> create)
    {
        var exception = Should.Throw<ArgumentOutOfRangeException>(() => create());

        exception.ParamName.ShouldBe(parameter);
        exception.Message.ShouldContain($"'{parameter}'");
    }

    [Fact]
    public void Create_BoundaryParameters_Accepted()
    {
        StreamingDriftDetectors.Ddm(warmStart: 0, warningThreshold: 2, driftThreshold: 2).ShouldNotBeNull();
        StreamingDriftDetectors.Eddm(alpha: 1, beta: 1).ShouldNotBeNull();
        StreamingDriftDetectors.Adwin(maxBuckets: 1_000, clock: 1, gracePeriod: 0).ShouldNotBeNull();
        StreamingDriftDetectors.PageHinkley(delta: 0, alpha: 1, minInstances: 1).ShouldNotBeNull();
        StreamingDriftDetectors.Kswin(windowSize: 60, statSize: 30, seed: -5).ShouldNotBeNull();
    }
}
