using ModelMonitoring.Drift;
using ModelMonitoring.Statistics;

namespace ModelMonitoring.Tests.Drift;

public sealed class DriftMethodCatalogTests
{
    [Fact]
    public void BuiltInCatalog_DescribesEachMethod_AsTheFormerTablesDid()
    {
        var catalog = new DatasetDriftOptions().Catalog;

        catalog.Select(m => (m.Name, m.HasPValue, m.DefaultThreshold, string.Join("+", m.Kinds))).ShouldBe(
        [
            ("ks", true, 0.05, "Numeric"),
            ("mannwhitney", true, 0.05, "Numeric"),
            ("ttest", true, 0.05, "Numeric"),
            ("ztest", true, 0.05, "Categorical"),
            ("chisquare", true, 0.05, "Categorical"),
            ("andersondarling", true, 0.05, "Numeric"),
            ("cramervonmises", true, 0.05, "Numeric"),
            ("energy", false, 0.1, "Numeric"),
            ("wasserstein", false, 0.1, "Numeric"),
            ("psi", false, 0.1, "Numeric+Categorical"),
            ("jensenshannon", false, 0.1, "Numeric+Categorical"),
            ("kl", false, 0.1, "Numeric+Categorical"),
            ("hellinger", false, 0.1, "Numeric+Categorical"),
            ("combined", false, 1.0, "Numeric+Categorical"),
        ]);
        catalog.ShouldAllBe(m => m.HigherStatisticMeansDrift && m.Description.Length > 0);
    }

    [Fact]
    public void Wasserstein_Description_SaysItIsNormedByTheReferencesStandardDeviation()
    {
        new DatasetDriftOptions().Catalog.TryGet(DriftMethods.Wasserstein, out var method).ShouldBeTrue();

        method.Description.ShouldContain("normed");
        method.Description.ShouldContain("divided by the reference's standard deviation");
    }

    [Theory]
    [InlineData(DriftMethods.KolmogorovSmirnov)]
    [InlineData(DriftMethods.MannWhitney)]
    [InlineData(DriftMethods.TTest)]
    [InlineData(DriftMethods.AndersonDarling)]
    [InlineData(DriftMethods.CramerVonMises)]
    [InlineData(DriftMethods.Energy)]
    [InlineData(DriftMethods.Wasserstein)]
    [InlineData(DriftMethods.PopulationStabilityIndex)]
    [InlineData(DriftMethods.JensenShannon)]
    [InlineData(DriftMethods.KullbackLeibler)]
    [InlineData(DriftMethods.Hellinger)]
    public void NumericDescriptor_MeasuresExactlyWhatItsStatisticsFunctionReturns(string name)
    {
        var random = new Random(5);
        var reference = FeatureProfile.Create("x", DriftData.NormalColumns(random, 1, 300)["f0"]);
        var current = DriftData.NormalColumns(random, 1, 200)["f0"].Select(v => v + 0.3).ToArray();
        new DatasetDriftOptions().Catalog.TryGet(name, out var method).ShouldBeTrue();

        var measured = method.MeasureNumeric(reference, current);

        TwoSampleResult expected = name switch
        {
            DriftMethods.KolmogorovSmirnov => TwoSampleTests.KolmogorovSmirnov(reference.Sample, current),
            DriftMethods.MannWhitney => TwoSampleTests.MannWhitneyU(reference.Sample, current),
            DriftMethods.TTest => ParametricTests.WelchTTest(reference.Sample, current),
            DriftMethods.AndersonDarling => TwoSampleTests.AndersonDarling(reference.Sample, current),
            DriftMethods.CramerVonMises => TwoSampleTests.CramerVonMises(reference.Sample, current),
            DriftMethods.Energy => DistributionDistances.EnergyDistance(reference.Sample, current),
            DriftMethods.Wasserstein => DistributionDistances.NormedWasserstein(reference.Sample, current),
            DriftMethods.PopulationStabilityIndex => BinnedDistances.PopulationStabilityIndex(reference.Histogram, current),
            DriftMethods.JensenShannon => BinnedDistances.JensenShannon(reference.Histogram, current),
            DriftMethods.KullbackLeibler => BinnedDistances.KullbackLeibler(reference.Histogram, current),
            _ => BinnedDistances.Hellinger(reference.Histogram, current),
        };
        measured.ShouldBe(new DriftMeasurement(expected.Statistic, expected.PValue));
    }

    [Theory]
    [InlineData(DriftMethods.ZTest)]
    [InlineData(DriftMethods.ChiSquare)]
    [InlineData(DriftMethods.PopulationStabilityIndex)]
    [InlineData(DriftMethods.JensenShannon)]
    [InlineData(DriftMethods.KullbackLeibler)]
    [InlineData(DriftMethods.Hellinger)]
    public void CategoricalDescriptor_MeasuresExactlyWhatItsStatisticsFunctionReturns(string name)
    {
        long[] reference = [120, 80];
        long[] current = [70, 90];
        new DatasetDriftOptions().Catalog.TryGet(name, out var method).ShouldBeTrue();

        var measured = method.MeasureCategorical(reference, current);

        TwoSampleResult expected = name switch
        {
            DriftMethods.ZTest => ParametricTests.ProportionsZTest(120, 200, 70, 160),
            DriftMethods.ChiSquare => CategoricalTests.ChiSquare(reference, current),
            DriftMethods.PopulationStabilityIndex => BinnedDistances.PopulationStabilityIndex(reference, current),
            DriftMethods.JensenShannon => BinnedDistances.JensenShannon(reference, current),
            DriftMethods.KullbackLeibler => BinnedDistances.KullbackLeibler(reference, current),
            _ => BinnedDistances.Hellinger(reference, current),
        };
        measured.ShouldBe(new DriftMeasurement(expected.Statistic, expected.PValue));
    }

    [Fact]
    public void Add_TakenName_ThrowsNamingBothMethods()
    {
        var catalog = new DatasetDriftOptions().Catalog;

        var error = Should.Throw<ArgumentException>(() => catalog.Add(new FakeMethod(DriftMethods.KolmogorovSmirnov)));

        error.Message.ShouldContain("the name 'ks' is already taken by KolmogorovSmirnovMethod");
        catalog.Count.ShouldBe(14);
    }

    [Theory]
    [InlineData("", 0.1, "is not allowed; use lower-case ASCII letters")]
    [InlineData("My Method", 0.1, "is not allowed; use lower-case ASCII letters")]
    [InlineData("9lives", 0.1, "is not allowed; use lower-case ASCII letters")]
    [InlineData("mine", 0, "default threshold: the distance threshold of 'mine' must be positive and finite")]
    [InlineData("mine", 0.1, "'mine' needs a description", " ")]
    public void Add_BadDescriptor_ThrowsSayingWhatIsWrong(string name, double defaultThreshold, string expected, string description = "A method for tests")
    {
        var catalog = new DatasetDriftOptions().Catalog;

        var error = Should.Throw<ArgumentException>(() => catalog.Add(new FakeMethod(name, defaultThreshold, description)));

        error.Message.ShouldContain(expected);
        error.ParamName.ShouldBe("method");
    }

    [Fact]
    public void Detector_CopiesTheCatalog_SoLaterAdditionsDoNotReachIt()
    {
        var options = new DatasetDriftOptions();
        var detector = new DatasetDriftDetector(options);
        options.Catalog.Add(new FakeMethod("mine"));
        options.Methods["x"] = new FeatureDriftMethod("mine", 0.1);
        var reference = ReferenceProfile.Create(new Dictionary<string, double[]> { ["x"] = [1, 2, 3] });

        var result = detector.Detect(reference, new Dictionary<string, double[]> { ["x"] = [1, 2, 3] });

        result.Features.Single().Method.ShouldBe(DriftMethods.KolmogorovSmirnov);
        new DatasetDriftDetector(options).Detect(reference, new Dictionary<string, double[]> { ["x"] = [1, 2, 3] }).Features.Single().Method.ShouldBe("mine");
    }

    private sealed class FakeMethod(string name, double defaultThreshold = 0.1, string description = "A method for tests") : DriftMethod
    {
        public override string Name => name;

        public override string Description => description;

        public override IReadOnlyList<FeatureKind> Kinds { get; } = [FeatureKind.Numeric];

        public override bool HasPValue => false;

        public override bool HigherStatisticMeansDrift => true;

        public override double DefaultThreshold => defaultThreshold;

        public override DriftMeasurement MeasureNumeric(FeatureProfile reference, ReadOnlySpan<double> current) => new(0.5, null);
    }
}
