using ModelMonitoring.Drift;

namespace ModelMonitoring.Tests.Drift;

public sealed class MethodChoiceTests
{
    [Theory]
    [InlineData(1_000, DriftMethods.KolmogorovSmirnov, 0.05)]
    [InlineData(1_001, DriftMethods.Wasserstein, 0.1)]
    public void Detect_NumericFeature_ChoosesByReferenceRows(int rows, string method, double threshold)
    {
        var random = new Random(1);
        var reference = ReferenceProfile.Create(DriftData.NormalColumns(random, 1, rows));

        var result = new DatasetDriftDetector().Detect(reference, DriftData.NormalColumns(random, 1, 500));

        var feature = result.Features.Single();
        feature.Kind.ShouldBe(FeatureKind.Numeric);
        feature.Method.ShouldBe(method);
        feature.Threshold.ShouldBe(threshold);
        (feature.PValue is not null).ShouldBe(method == DriftMethods.KolmogorovSmirnov);
    }

    [Theory]
    [InlineData(1_000, new[] { "a", "b" }, new[] { "a", "b" }, DriftMethods.ZTest, 0.05)]
    [InlineData(1_000, new[] { "a" }, new[] { "b" }, DriftMethods.ZTest, 0.05)]
    [InlineData(1_000, new[] { "a", "b" }, new[] { "a", "b", "c" }, DriftMethods.ChiSquare, 0.05)]
    [InlineData(1_000, new[] { "a", "b", "c" }, new[] { "a", "b", "c" }, DriftMethods.ChiSquare, 0.05)]
    [InlineData(1_001, new[] { "a", "b" }, new[] { "a", "b" }, DriftMethods.JensenShannon, 0.1)]
    [InlineData(1_001, new[] { "a", "b", "c" }, new[] { "a", "b", "c" }, DriftMethods.JensenShannon, 0.1)]
    public void Detect_CategoricalFeature_ChoosesByRowsAndCategoriesInBothSamples(
        int rows, string[] referenceCategories, string[] currentCategories, string method, double threshold)
    {
        var random = new Random(2);
        var reference = ReferenceProfile.Create(
            new Dictionary<string, double[]>(),
            new Dictionary<string, string[]> { ["c"] = DriftData.Labels(random, rows, referenceCategories) });
        var current = new Dictionary<string, string[]> { ["c"] = DriftData.Labels(random, 300, currentCategories) };

        var feature = new DatasetDriftDetector().Detect(reference, new Dictionary<string, double[]>(), current).Features.Single();

        feature.Kind.ShouldBe(FeatureKind.Categorical);
        feature.Method.ShouldBe(method);
        feature.Threshold.ShouldBe(threshold);
    }

    [Fact]
    public void Detect_ShiftedSmallSample_KolmogorovSmirnovFlagsDriftWithPValue()
    {
        var random = new Random(3);
        var reference = ReferenceProfile.Create(DriftData.NormalColumns(random, 1, 500));

        var feature = new DatasetDriftDetector().Detect(reference, DriftData.NormalColumns(random, 1, 500, shift: 1)).Features.Single();

        feature.Drifted.ShouldBeTrue();
        feature.PValue!.Value.ShouldBeLessThan(0.05);
        feature.Score.ShouldBe(1);
    }

    [Fact]
    public void Detect_Override_UsesGivenMethodAndThreshold()
    {
        var random = new Random(4);
        var reference = ReferenceProfile.Create(
            DriftData.NormalColumns(random, 2, 2_000),
            new Dictionary<string, string[]> { ["c"] = DriftData.Labels(random, 2_000, "a", "b", "c") });
        var options = new DatasetDriftOptions();
        options.Methods["f0"] = new FeatureDriftMethod(DriftMethods.PopulationStabilityIndex, 0.2);
        options.Methods["f1"] = new FeatureDriftMethod(DriftMethods.MannWhitney, 0.01);
        options.Methods["c"] = new FeatureDriftMethod(DriftMethods.ChiSquare, 0.001);

        var result = new DatasetDriftDetector(options).Detect(
            reference,
            DriftData.NormalColumns(random, 2, 1_000),
            new Dictionary<string, string[]> { ["c"] = DriftData.Labels(random, 1_000, "a", "b", "c") });

        result.Features.Select(f => (f.Feature, f.Method, f.Threshold)).ShouldBe(
        [
            ("f0", DriftMethods.PopulationStabilityIndex, 0.2),
            ("f1", DriftMethods.MannWhitney, 0.01),
            ("c", DriftMethods.ChiSquare, 0.001),
        ]);
        result.Features[0].PValue.ShouldBeNull();
        result.Features[1].PValue.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("median", 0.05, "unknown drift method 'median'")]
    [InlineData(DriftMethods.KolmogorovSmirnov, 1.5, "must lie in (0, 1)")]
    [InlineData(DriftMethods.KolmogorovSmirnov, 0, "must lie in (0, 1)")]
    [InlineData(DriftMethods.PopulationStabilityIndex, 0, "must be positive and finite")]
    [InlineData(DriftMethods.Wasserstein, double.PositiveInfinity, "must be positive and finite")]
    public void Constructor_InvalidOverride_ThrowsNamingFeatureAndWhatIsAllowed(string method, double threshold, string message)
    {
        var options = new DatasetDriftOptions();
        options.Methods["age"] = new FeatureDriftMethod(method, threshold);

        var ex = Should.Throw<ArgumentException>(() => new DatasetDriftDetector(options));

        ex.Message.ShouldContain("Feature 'age'");
        ex.Message.ShouldContain(message);
    }

    [Fact]
    public void Constructor_SeveralProblems_ReportsThemTogether()
    {
        var options = new DatasetDriftOptions { DriftShare = 0 };
        options.Methods["a"] = new FeatureDriftMethod("nope", 0.1);
        options.Methods["b"] = new FeatureDriftMethod(DriftMethods.ChiSquare, 2);

        var ex = Should.Throw<ArgumentException>(() => new DatasetDriftDetector(options));

        ex.Message.ShouldContain("DriftShare");
        ex.Message.ShouldContain("Feature 'a'");
        ex.Message.ShouldContain("Feature 'b'");
        ex.Message.ShouldContain(DriftMethods.Hellinger);
    }

    [Theory]
    [InlineData("x", DriftMethods.ChiSquare, "does not apply to a numeric feature")]
    [InlineData("c", DriftMethods.KolmogorovSmirnov, "does not apply to a categorical feature")]
    [InlineData("missing", DriftMethods.KolmogorovSmirnov, "not in the reference profile")]
    public void Detect_OverrideNotFittingTheFeature_ThrowsNamingFeature(string feature, string method, string message)
    {
        var reference = ReferenceProfile.Create(
            new Dictionary<string, double[]> { ["x"] = [1, 2, 3] },
            new Dictionary<string, string[]> { ["c"] = ["a", "b", "a"] });
        var options = new DatasetDriftOptions();
        options.Methods[feature] = new FeatureDriftMethod(method, 0.05);
        var detector = new DatasetDriftDetector(options);

        var ex = Should.Throw<ArgumentException>(() => detector.Detect(
            reference,
            new Dictionary<string, double[]> { ["x"] = [1, 2, 3] },
            new Dictionary<string, string[]> { ["c"] = ["a", "b", "b"] }));

        ex.Message.ShouldContain($"Feature '{feature}'");
        ex.Message.ShouldContain(message);
    }

    [Fact]
    public void Detect_ZTestOverrideOnThreeCategories_ThrowsNamingFeature()
    {
        var reference = ReferenceProfile.Create(new Dictionary<string, double[]>(), new Dictionary<string, string[]> { ["c"] = ["a", "b", "c"] });
        var options = new DatasetDriftOptions();
        options.Methods["c"] = new FeatureDriftMethod(DriftMethods.ZTest, 0.05);

        var ex = Should.Throw<InvalidOperationException>(() => new DatasetDriftDetector(options).Detect(
            reference, new Dictionary<string, double[]>(), new Dictionary<string, string[]> { ["c"] = ["a", "b"] }));

        ex.Message.ShouldContain("Feature 'c'");
    }

    [Fact]
    public void Detect_MissingCurrentColumn_ThrowsNamingFeature()
    {
        var reference = ReferenceProfile.Create(new Dictionary<string, double[]> { ["x"] = [1, 2, 3] });

        var ex = Should.Throw<ArgumentException>(() => new DatasetDriftDetector().Detect(reference, new Dictionary<string, double[]>()));

        ex.Message.ShouldContain("Feature 'x'");
    }
}
