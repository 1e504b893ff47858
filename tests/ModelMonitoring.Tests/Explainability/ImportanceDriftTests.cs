using ModelMonitoring.Explainability;

namespace ModelMonitoring.Tests.Explainability;

public sealed class ImportanceDriftTests
{
    private static readonly string[] Features = ["amount", "age", "hour", "distance", "merchant", "device"];

    [Fact]
    public void Compare_TopTwoSwapped_ReportsRankChangesAndTopKChange()
    {
        var result = ImportanceDrift.Compare("versions", "1.0", "2.0", Features, [0.40, 0.25, 0.15, 0.10, 0.06, 0.04], [0.25, 0.40, 0.15, 0.10, 0.06, 0.04], topK: 3, minRankCorrelation: 0.8);

        result.TopKChanged.ShouldBeTrue();
        result.TopKOverlap.ShouldBe(3);
        result.RankCorrelationLow.ShouldBeFalse();
        result.Drifted.ShouldBeTrue();
        result.Spearman.ShouldBe(0.942857142857143, 1e-12);
        result.Kendall.ShouldBe(0.8666666666666666, 1e-12);
        var amount = result.Features[0];
        (amount.ReferenceRank, amount.CurrentRank, amount.RankChange).ShouldBe((1, 2, -1));
        amount.RelativeChange.ShouldNotBeNull().ShouldBe(-0.375, 1e-12);
        result.Features[1].RankChange.ShouldBe(1);
        result.Features[5].RankChange.ShouldBe(0);
    }

    [Fact]
    public void Compare_SameRankingScaled_IsNotDrift()
    {
        var result = ImportanceDrift.Compare("versions", "1", "2", Features, [6, 5, 4, 3, 2, 1], [60, 50, 40, 30, 20, 10], topK: 3, minRankCorrelation: 0.8);

        result.Drifted.ShouldBeFalse();
        (result.Spearman, result.Kendall, result.TopKOverlap).ShouldBe((1.0, 1.0, 3));
        result.Features.ShouldAllBe(f => f.RankChange == 0 && f.RelativeChange == 9);
    }

    [Fact]
    public void Compare_NewTopFeaturesFromOutsideTopK_LowersOverlapAndCorrelation()
    {
        var result = ImportanceDrift.Compare("windows", "a", "b", Features, [6, 5, 4, 3, 2, 1], [1, 2, 3, 4, 5, 6], topK: 2, minRankCorrelation: 0.8);

        result.TopKOverlap.ShouldBe(0);
        result.RankCorrelationLow.ShouldBeTrue();
        result.Spearman.ShouldBe(-1.0, 1e-12);
    }

    [Fact]
    public void Compare_ZeroReference_HasNoRelativeChange() =>
        ImportanceDrift.Compare("versions", "1", "2", ["a", "b"], [0, 1], [1, 1], 1, 0.5).Features[0].RelativeChange.ShouldBeNull();
}
