using ModelMonitoring.Drift;

namespace ModelMonitoring.Tests.Drift;

/// <summary>
/// The first seed's combined verdict (<see cref="DriftMethods.Combined"/>) on constructed data sets: the same
/// standard normal draws, centred, scaled and shifted, so that only the intended property changes.
/// </summary>
public sealed class CombinedDriftTests
{
    private const int Rows = 500;
    private const double Mean = 10;
    private const double Deviation = 20;

    private static readonly DatasetDriftOptions Combined = new() { DefaultMethod = DriftMethods.Combined };

    [Fact]
    public void MeanShiftAboveTwentyPercent_SameShape_DriftsByTheMeanRuleAlone()
    {
        var z = Centred(seed: 1);
        var reference = Profile(z, Mean, Deviation);

        // +21 % of the mean is about a tenth of a standard deviation: the tests and the distance see little.
        var feature = Detect(reference, Scaled(z, Mean * 1.21, Deviation));

        feature.Method.ShouldBe(DriftMethods.Combined);
        feature.Drifted.ShouldBeTrue();
        feature.Details["mean_change"].ShouldBe(0.21, 1e-9);
        feature.Details["std_change"].ShouldBe(0, 1e-9);
        feature.Details["ks_pvalue"].ShouldBeGreaterThan(0.05);
        feature.Details["jensenshannon"].ShouldBeLessThan(0.1);
        feature.Statistic.ShouldBe(0.21 / 0.2, 1e-9);
        feature.Threshold.ShouldBe(1);
        feature.Score.ShouldBe(1);
    }

    [Fact]
    public void MeanShiftBelowTwentyPercent_SameShape_DoesNotDrift()
    {
        var z = Centred(seed: 1);

        var feature = Detect(Profile(z, Mean, Deviation), Scaled(z, Mean * 1.19, Deviation));

        feature.Drifted.ShouldBeFalse();
        feature.Details["mean_change"].ShouldBe(0.19, 1e-9);
        feature.Statistic.ShouldBe(0.19 / 0.2, 1e-9);
    }

    [Fact]
    public void VarianceChange_SameMean_DriftsByTheTestAndTheDistance()
    {
        var z = Centred(seed: 2);

        var feature = Detect(Profile(z, Mean, Deviation), Scaled(z, Mean, 2 * Deviation));

        feature.Drifted.ShouldBeTrue();
        feature.Details["mean_change"].ShouldBe(0, 1e-9);
        feature.Details["std_change"].ShouldBe(1, 1e-9);
        feature.Details["ks_pvalue"].ShouldBeLessThan(0.05);
        feature.Details["jensenshannon"].ShouldBeGreaterThanOrEqualTo(0.1);

        // The statistic is the largest ratio to its threshold: here the test's or the distance's, not the mean's.
        var ks = Math.Log(feature.Details["ks_pvalue"]) / Math.Log(0.05);
        feature.Statistic.ShouldBe(Math.Max(ks, feature.Details["jensenshannon"] / 0.1), 1e-12);
    }

    [Fact]
    public void NoChange_FreshSampleOfTheSameDistribution_DoesNotDriftAndReportsEveryComponent()
    {
        var feature = Detect(Profile(Centred(seed: 3), Mean, Deviation), Scaled(Centred(seed: 4), Mean, Deviation));

        feature.Drifted.ShouldBeFalse();
        feature.Details.Keys.ShouldBe(
            ["ks_statistic", "ks_pvalue", "mannwhitney_statistic", "mannwhitney_pvalue", "jensenshannon", "mean_change", "std_change"],
            ignoreOrder: true);
        feature.Details["ks_pvalue"].ShouldBeGreaterThan(0.05);
        feature.Details["mannwhitney_pvalue"].ShouldBeGreaterThan(0.05);
        feature.Details["jensenshannon"].ShouldBeLessThan(0.1);
        Math.Abs(feature.Details["mean_change"]).ShouldBeLessThan(0.2);
        feature.Statistic.ShouldBeLessThan(1);
    }

    [Fact]
    public void Components_AreTheBuiltInMethodsValues()
    {
        var random = new Random(5);
        var reference = ReferenceProfile.Create(new Dictionary<string, double[]> { ["x"] = DriftData.Normal(random, 300, 5, 2) });
        var current = new Dictionary<string, double[]> { ["x"] = DriftData.Normal(random, 200, 5.5, 2) };

        var combined = new DatasetDriftDetector(Combined).Detect(reference, current).Features.Single();
        var single = (string method) => new DatasetDriftDetector(new DatasetDriftOptions { DefaultMethod = method }).Detect(reference, current).Features.Single();

        combined.Details["ks_statistic"].ShouldBe(single(DriftMethods.KolmogorovSmirnov).Statistic);
        combined.Details["ks_pvalue"].ShouldBe(single(DriftMethods.KolmogorovSmirnov).PValue!.Value);
        combined.Details["mannwhitney_statistic"].ShouldBe(single(DriftMethods.MannWhitney).Statistic);
        combined.Details["mannwhitney_pvalue"].ShouldBe(single(DriftMethods.MannWhitney).PValue!.Value);
        combined.Details["jensenshannon"].ShouldBe(single(DriftMethods.JensenShannon).Statistic);
    }

    [Theory]
    [InlineData(new[] { "a", "b", "c" }, new[] { "a", "b", "c" }, false)]
    [InlineData(new[] { "a", "b", "c" }, new[] { "a", "a", "a", "b", "c" }, true)]
    public void Categorical_ChiSquareOrJensenShannon(string[] referenceCycle, string[] currentCycle, bool drifted)
    {
        var reference = ReferenceProfile.Create(
            new Dictionary<string, double[]>(),
            new Dictionary<string, string[]> { ["c"] = Cycle(referenceCycle, 600) });
        var current = new Dictionary<string, string[]> { ["c"] = Cycle(currentCycle, 600) };

        var feature = new DatasetDriftDetector(Combined).Detect(reference, new Dictionary<string, double[]>(), current).Features.Single();

        feature.Method.ShouldBe(DriftMethods.Combined);
        feature.Drifted.ShouldBe(drifted);
        feature.Details.Keys.ShouldBe(["chisquare_statistic", "chisquare_pvalue", "jensenshannon"], ignoreOrder: true);
        (feature.Details["chisquare_pvalue"] < 0.05 || feature.Details["jensenshannon"] >= 0.1).ShouldBe(drifted);
    }

    [Fact]
    public void Threshold_ScalesEveryComponent()
    {
        var z = Centred(seed: 1);
        var reference = Profile(z, Mean, Deviation);
        var current = Scaled(z, Mean * 1.15, Deviation);

        var options = new DatasetDriftOptions { DefaultMethod = DriftMethods.Combined, DefaultThreshold = 0.5 };
        var feature = new DatasetDriftDetector(options).Detect(reference, new Dictionary<string, double[]> { ["x"] = current }).Features.Single();

        // 15 % is beyond 0.2 × 0.5.
        feature.Threshold.ShouldBe(0.5);
        feature.Drifted.ShouldBeTrue();
        Detect(reference, current).Drifted.ShouldBeFalse();
    }

    [Fact]
    public void ZeroReferenceMean_LeavesTheMeanChangeOutAndDecidesByTheTests()
    {
        // Whole numbers from -3 to 3: the mean is exactly zero, so no relative change of it exists.
        double[] whole = [.. Enumerable.Range(0, 700).Select(i => (double)((i % 7) - 3))];
        var reference = ReferenceProfile.Create(new Dictionary<string, double[]> { ["x"] = whole });

        var same = Detect(reference, [.. whole.Reverse()]);
        var wider = Detect(reference, [.. whole.Select(v => 3 * v)]);

        same.Details.ContainsKey("mean_change").ShouldBeFalse();
        same.Drifted.ShouldBeFalse();
        wider.Details.ContainsKey("mean_change").ShouldBeFalse();
        wider.Details["std_change"].ShouldBe(2, 1e-9);
        wider.Details["ks_pvalue"].ShouldBeLessThan(0.05);
        wider.Drifted.ShouldBeTrue();
    }

    [Fact]
    public void DefaultMethodForOneKind_OtherKindKeepsTheAutomaticChoice()
    {
        var random = new Random(7);
        var reference = ReferenceProfile.Create(
            new Dictionary<string, double[]> { ["x"] = DriftData.Normal(random, 200) },
            new Dictionary<string, string[]> { ["c"] = DriftData.Labels(random, 200, "a", "b", "c") });
        var numeric = new Dictionary<string, double[]> { ["x"] = DriftData.Normal(random, 200) };
        var categorical = new Dictionary<string, string[]> { ["c"] = DriftData.Labels(random, 200, "a", "b", "c") };
        var options = new DatasetDriftOptions { DefaultMethod = DriftMethods.MannWhitney, Methods = { ["x"] = new(DriftMethods.Combined, 1) } };

        var result = new DatasetDriftDetector(options).Detect(reference, numeric, categorical);

        result.Features.Select(f => f.Method).ShouldBe([DriftMethods.Combined, DriftMethods.ChiSquare]);
        result.Features[1].Details.ShouldBeEmpty();
    }

    [Fact]
    public void InvalidDefaultMethodThresholdAndRule_AreReportedTogether()
    {
        var unknown = new DatasetDriftOptions { DefaultMethod = "magic", Rule = (DatasetDriftRule)7 };
        var badThreshold = new DatasetDriftOptions { DefaultMethod = DriftMethods.Combined, DefaultThreshold = -1 };
        var thresholdAlone = new DatasetDriftOptions { DefaultThreshold = 0.5 };

        var first = Should.Throw<ArgumentException>(() => new DatasetDriftDetector(unknown)).Message;
        first.ShouldContain("DefaultMethod: unknown drift method 'magic'; allowed: ks,");
        first.ShouldContain("combined");
        first.ShouldContain("Rule must be DriftShare or ScoreOrShare, not 7.");
        Should.Throw<ArgumentException>(() => new DatasetDriftDetector(badThreshold)).Message
            .ShouldContain("DefaultThreshold: the distance threshold of 'combined' must be positive and finite, not -1.");
        Should.Throw<ArgumentException>(() => new DatasetDriftDetector(thresholdAlone)).Message
            .ShouldContain("DefaultThreshold: 0.5 needs a DefaultMethod");
    }

    private static FeatureDriftResult Detect(ReferenceProfile reference, double[] current) =>
        new DatasetDriftDetector(Combined).Detect(reference, new Dictionary<string, double[]> { ["x"] = current }).Features.Single();

    private static ReferenceProfile Profile(double[] z, double mean, double deviation) =>
        ReferenceProfile.Create(new Dictionary<string, double[]> { ["x"] = Scaled(z, mean, deviation) });

    private static double[] Scaled(double[] z, double mean, double deviation) => [.. z.Select(v => mean + (deviation * v))];

    // Standard normal draws with their sample mean taken out, so that scaling them keeps the mean exactly.
    private static double[] Centred(int seed)
    {
        var z = DriftData.Normal(new Random(seed), Rows);
        var mean = z.Average();
        return [.. z.Select(v => v - mean)];
    }

    private static string[] Cycle(string[] cycle, int count) => [.. Enumerable.Range(0, count).Select(i => cycle[i % cycle.Length])];
}
