using ModelMonitoring.Drift;

namespace ModelMonitoring.Tests.Drift;

/// <summary>The first seed's dataset rule (<see cref="DatasetDriftRule.ScoreOrShare"/>) on constructed per-feature results.</summary>
public sealed class ScoreOrShareRuleTests
{
    [Theory]
    [InlineData(3, 0.0, false)] // 30 % drifted is not more than 30 %; score 0.3
    [InlineData(4, 0.0, true)] // 40 % drifted; score 0.4
    [InlineData(2, 0.375, false)] // score exactly 0.5 is not above it
    [InlineData(2, 0.4, true)] // score 0.52, only 20 % drifted
    [InlineData(0, 0.6, true)] // nothing drifted, every feature close: score 0.6
    [InlineData(0, 0.0, false)]
    public void DatasetDrifted_WhenScoreAboveHalfOrMoreThanThirtyPercentDrifted(int drifted, double otherScore, bool expected)
    {
        // Ten features: `drifted` of them drifted (score 1), the rest at `otherScore`.
        var features = Enumerable.Range(0, 10).Select(i => Feature($"f{i}", i < drifted, i < drifted ? 1 : otherScore)).ToList();

        var result = new DatasetDriftResult(features, 0.5, DatasetDriftRule.ScoreOrShare);

        result.Rule.ShouldBe(DatasetDriftRule.ScoreOrShare);
        result.DatasetDrifted.ShouldBe(expected);
    }

    [Fact]
    public void SameResults_UnderTheDriftShareRule_DoNotDrift()
    {
        var features = Enumerable.Range(0, 10).Select(i => Feature($"f{i}", i < 4, i < 4 ? 1 : 0.4)).ToList();

        new DatasetDriftResult(features, 0.5, DatasetDriftRule.ScoreOrShare).DatasetDrifted.ShouldBeTrue();
        var byShare = new DatasetDriftResult(features, 0.5);
        byShare.Rule.ShouldBe(DatasetDriftRule.DriftShare);
        byShare.DatasetDrifted.ShouldBeFalse();
    }

    [Fact]
    public void UndefinedRule_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new DatasetDriftResult([], 0.5, (DatasetDriftRule)2)).ParamName.ShouldBe("rule");

    [Fact]
    public void Detect_RuleOption_DecidesTheVerdict()
    {
        // Four features, one shifted by two standard deviations: 25 % drifted, below the default share of 0.5
        // and not above 30 %, but the score rule counts how close the others are too.
        var random = new Random(11);
        var reference = ReferenceProfile.Create(DriftData.NormalColumns(random, 4, 300));
        var current = DriftData.NormalColumns(random, 4, 300);
        current["f0"] = DriftData.Normal(random, 300, 2, 1);

        var byShare = new DatasetDriftDetector().Detect(reference, current);
        var byScore = new DatasetDriftDetector(new DatasetDriftOptions { Rule = DatasetDriftRule.ScoreOrShare }).Detect(reference, current);

        byShare.DriftedCount.ShouldBe(1);
        byShare.DatasetDrifted.ShouldBeFalse();
        byScore.Rule.ShouldBe(DatasetDriftRule.ScoreOrShare);
        byScore.DatasetDrifted.ShouldBe(byScore.Score > 0.5);
        byScore.Features.ShouldBe(byShare.Features);
    }

    private static FeatureDriftResult Feature(string name, bool drifted, double score) =>
        new(name, FeatureKind.Numeric, DriftMethods.Wasserstein, score * 0.1, null, 0.1, drifted, score);
}
