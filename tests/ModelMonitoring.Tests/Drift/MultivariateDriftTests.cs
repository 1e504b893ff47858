using ModelMonitoring.Drift;

namespace ModelMonitoring.Tests.Drift;

public sealed class MultivariateDriftTests
{
    [Fact]
    public void Detect_CorrelationChange_CaughtByReconstructionErrorWhileUnivariateDetectorFindsNoDrift()
    {
        // f0 and f1 correlate at 0.9 in the reference and not at all in the current data; every
        // marginal distribution is the same (tests/fixtures/generate_multivariate_fixtures.py).
        var reference = MultivariateFixture.Generate(MultivariateFixture.Case("mixed5").GetProperty("reference"));
        var current = MultivariateFixture.Generate(MultivariateFixture.Current("mixed5", "correlation_change").GetProperty("data"));
        var profile = ReferenceProfile.Create(reference);
        var ks = new DatasetDriftOptions();
        foreach (var feature in reference.Keys)
        {
            ks.Methods[feature] = new FeatureDriftMethod(DriftMethods.KolmogorovSmirnov, 0.05);
        }

        var automatic = new DatasetDriftDetector().Detect(profile, current);
        var perFeatureKs = new DatasetDriftDetector(ks).Detect(profile, current);
        var multivariate = MultivariateDriftDetector.Fit(reference).Detect(current);

        automatic.DriftedCount.ShouldBe(0);
        automatic.DatasetDrifted.ShouldBeFalse();
        perFeatureKs.DriftedCount.ShouldBe(0);
        multivariate.ReconstructionDrifted.ShouldBeTrue();
        multivariate.ReconstructionError.ShouldBeGreaterThan(multivariate.UpperBound);
        multivariate.Drifted.ShouldBeTrue();
    }

    [Fact]
    public void Detect_SameDistribution_NoDrift()
    {
        var reference = MultivariateFixture.Generate(MultivariateFixture.Case("mixed5").GetProperty("reference"));
        var current = MultivariateFixture.Generate(MultivariateFixture.Current("mixed5", "same_distribution").GetProperty("data"));

        var result = MultivariateDriftDetector.Fit(reference).Detect(current);

        result.Drifted.ShouldBeFalse();
        result.DriftedComponentCount.ShouldBe(0);
        result.ReconstructionError.ShouldBeInRange(result.LowerBound, result.UpperBound);
    }

    [Fact]
    public void Detect_ComponentThreshold_IsAlphaDividedByComponentCount()
    {
        // The mean shift drives component 0's p-value well below 0.05; choose Alpha so that this
        // p-value lies between Alpha / k and Alpha, where only the uncorrected test would fire.
        var reference = MultivariateFixture.Generate(MultivariateFixture.Case("mixed5").GetProperty("reference"));
        var current = MultivariateFixture.Generate(MultivariateFixture.Current("mixed5", "mean_shift_f0").GetProperty("data"));
        var p = MultivariateDriftDetector.Fit(reference).Detect(current).Components[0].PValue;
        var k = MultivariateDriftDetector.Fit(reference).ComponentCount;
        k.ShouldBe(2);

        var between = MultivariateDriftDetector.Fit(reference, new MultivariateDriftOptions { Alpha = 1.5 * p }).Detect(current);
        var above = MultivariateDriftDetector.Fit(reference, new MultivariateDriftOptions { Alpha = 2.5 * p }).Detect(current);

        between.Components[0].PValue.ShouldBe(p);
        between.Components[0].Threshold.ShouldBe(1.5 * p / k);
        between.Components[0].Drifted.ShouldBeFalse();
        above.Components[0].Drifted.ShouldBeTrue();
        above.Drifted.ShouldBeTrue();
    }

    [Fact]
    public void Fit_FixedComponents_OverridesExplainedVariance()
    {
        var reference = MultivariateFixture.Generate(MultivariateFixture.Case("mixed5").GetProperty("reference"));

        var detector = MultivariateDriftDetector.Fit(reference, new MultivariateDriftOptions { Components = 4, ExplainedVariance = 0.1 });
        var result = detector.Detect(reference);

        detector.ComponentCount.ShouldBe(4);
        result.Components.Select(c => c.Index).ShouldBe([0, 1, 2, 3]);
        result.Components.ShouldAllBe(c => c.Threshold == 0.05 / 4 && c.Statistic == 0 && c.PValue == 1);
        result.Components.Select(c => c.ExplainedVarianceRatio).ShouldBe(detector.ExplainedVarianceRatios.Take(4));
    }

    [Theory]
    [InlineData(0.3, 1)]
    [InlineData(0.65, 2)]
    [InlineData(0.9, 4)]
    [InlineData(1.0, 5)]
    public void Fit_ExplainedVariance_KeepsFewestComponentsReachingIt(double share, int expected)
    {
        // Ratios 0.379, 0.301, 0.199, 0.098, 0.022 (the fixture).
        var reference = MultivariateFixture.Generate(MultivariateFixture.Case("mixed5").GetProperty("reference"));

        var detector = MultivariateDriftDetector.Fit(reference, new MultivariateDriftOptions { ExplainedVariance = share });

        detector.ComponentCount.ShouldBe(expected);
        detector.ExplainedVarianceRatios.Sum().ShouldBe(1, 1e-12);
    }

    [Fact]
    public void Fit_AllComponents_ReconstructsExactly()
    {
        var reference = MultivariateFixture.Generate(MultivariateFixture.Case("small3").GetProperty("reference"));

        var detector = MultivariateDriftDetector.Fit(reference, new MultivariateDriftOptions { Components = 3 });

        detector.ReferenceReconstructionError.ShouldBe(0, 1e-12);
        detector.ChunkErrors.ShouldAllBe(e => e < 1e-12);
    }

    [Fact]
    public void Fit_DefaultChunkSize_IsATenthOfTheReference()
    {
        var reference = MultivariateFixture.Generate(MultivariateFixture.Case("mixed5").GetProperty("reference"));

        var detector = MultivariateDriftDetector.Fit(reference);

        detector.ReferenceRowCount.ShouldBe(2000);
        detector.ChunkSize.ShouldBe(200);
        detector.ChunkErrors.Count.ShouldBe(10);
    }

    [Fact]
    public void Fit_FeatureOrderAndLaterChangesToTheInput_DoNotMatter()
    {
        var reference = MultivariateFixture.Generate(MultivariateFixture.Case("mixed5").GetProperty("reference"));
        var current = MultivariateFixture.Generate(MultivariateFixture.Current("mixed5", "mean_shift_f0").GetProperty("data"));
        var reversed = reference.Reverse().ToDictionary(c => c.Key, c => c.Value.ToArray());
        var detector = MultivariateDriftDetector.Fit(reference);
        var expected = detector.Detect(current);

        var other = MultivariateDriftDetector.Fit(reversed);
        foreach (var column in reversed.Values)
        {
            Array.Fill(column, 0.0);
        }

        var actual = other.Detect(current.Reverse().ToDictionary(c => c.Key, c => c.Value));
        other.Features.ShouldBe(detector.Features.Reverse());
        actual.ReconstructionError.ShouldBe(expected.ReconstructionError, 1e-12);
        actual.UpperBound.ShouldBe(expected.UpperBound, 1e-12);
        actual.Components.Select(c => c.PValue).ShouldBe(expected.Components.Select(c => c.PValue), 1e-12);
    }

    [Fact]
    public void Detect_IgnoresExtraCurrentColumnsAndLeavesInputsUnchanged()
    {
        var reference = new Dictionary<string, double[]> { ["a"] = [1, 2, 3, 4, 5, 6], ["b"] = [2, 1, 4, 3, 6, 5] };
        var current = new Dictionary<string, double[]> { ["b"] = [9, 1, 2], ["a"] = [3, 1, 2], ["extra"] = [double.NaN] };

        var result = MultivariateDriftDetector.Fit(reference).Detect(current);

        result.RowCount.ShouldBe(3);
        current["a"].ShouldBe([3, 1, 2]);
        current["b"].ShouldBe([9, 1, 2]);
    }
}
