using ModelMonitoring.Drift;

namespace ModelMonitoring.Tests.Drift;

public sealed class DatasetVerdictTests
{
    [Theory]
    [InlineData(0, 0.0, DriftSeverity.None)]
    [InlineData(1, 0.0, DriftSeverity.Notice)]
    [InlineData(3, 0.0, DriftSeverity.Notice)]
    [InlineData(4, 0.0, DriftSeverity.Warning)]
    [InlineData(5, 0.0, DriftSeverity.Warning)]
    [InlineData(6, 0.0, DriftSeverity.Critical)]
    [InlineData(0, 0.6, DriftSeverity.None)]
    [InlineData(0, 0.65, DriftSeverity.Warning)]
    [InlineData(0, 0.8, DriftSeverity.Warning)]
    [InlineData(0, 0.85, DriftSeverity.Critical)]
    public void Recommendation_FollowsShareAndScoreThresholds(int drifted, double otherScore, DriftSeverity expected)
    {
        // Ten features: `drifted` of them drifted (score 1), the rest at `otherScore`.
        var features = Enumerable.Range(0, 10).Select(i => Feature($"f{i}", i < drifted, i < drifted ? 1 : otherScore)).ToList();

        var result = new DatasetDriftResult(features, 0.5);

        result.DriftedCount.ShouldBe(drifted);
        result.DriftedShare.ShouldBe(drifted / 10.0);
        result.Score.ShouldBe((drifted + ((10 - drifted) * otherScore)) / 10, 1e-12);
        result.Recommendation.ShouldBe(expected);
    }

    [Theory]
    [InlineData(4, 0.5, false)]
    [InlineData(5, 0.5, true)]
    [InlineData(3, 0.3, true)]
    [InlineData(2, 0.3, false)]
    public void DatasetDrifted_WhenShareReachesDriftShare(int drifted, double driftShare, bool expected)
    {
        var features = Enumerable.Range(0, 10).Select(i => Feature($"f{i}", i < drifted, i < drifted ? 1 : 0)).ToList();

        new DatasetDriftResult(features, driftShare).DatasetDrifted.ShouldBe(expected);
    }

    [Fact]
    public void Detect_CustomDriftShare_IsApplied()
    {
        var random = new Random(5);
        var reference = ReferenceProfile.Create(DriftData.NormalColumns(random, 4, 2_000));
        var current = DriftData.NormalColumns(random, 4, 2_000);
        current["f0"] = DriftData.Normal(random, 2_000, mean: 5);

        var lenient = new DatasetDriftDetector().Detect(reference, current);
        var strict = new DatasetDriftDetector(new DatasetDriftOptions { DriftShare = 0.25 }).Detect(reference, current);

        lenient.DriftedShare.ShouldBe(0.25);
        lenient.DatasetDrifted.ShouldBeFalse();
        strict.DatasetDrifted.ShouldBeTrue();
        lenient.Recommendation.ShouldBe(DriftSeverity.Notice);
    }

    [Fact]
    public void Score_Test_IsLogPValueOverLogThreshold()
    {
        var random = new Random(6);
        var reference = ReferenceProfile.Create(DriftData.NormalColumns(random, 1, 200));

        var feature = new DatasetDriftDetector().Detect(reference, DriftData.NormalColumns(random, 1, 200, shift: 0.1)).Features.Single();

        var expected = Math.Min(1, Math.Log(feature.PValue!.Value) / Math.Log(0.05));
        feature.Score.ShouldBe(expected, 1e-12);
    }

    private static FeatureDriftResult Feature(string name, bool drifted, double score) =>
        new(name, FeatureKind.Numeric, DriftMethods.Wasserstein, score * 0.1, null, 0.1, drifted, score);
}
