using ModelMonitoring.Drift;

namespace ModelMonitoring.Tests.Drift;

public sealed class MultivariateDriftErrorTests
{
    private static readonly Dictionary<string, double[]> Reference = new()
    {
        ["a"] = [1, 2, 3, 4, 5, 6, 7, 8],
        ["b"] = [2, 1, 4, 3, 6, 5, 8, 7],
        ["c"] = [5, 3, 1, 2, 8, 7, 4, 6],
    };

    [Fact]
    public void FitAndDetect_ValuesNearDoubleMaxValue_GiveTheResultsOfTheSameDataAtOrdinaryScale()
    {
        // 2^1015 keeps the largest value (8 · 2^1015) below double.MaxValue while its square, and the variance, overflow.
        var scale = Math.ScaleB(1.0, 1015);
        var random = new Random(5);
        var rows = Enumerable.Range(0, 400).Select(_ => random.NextDouble() * 8).ToArray();
        var ordinary = new Dictionary<string, double[]> { ["a"] = rows, ["b"] = rows.Select((v, i) => v + (i % 7)).ToArray(), ["c"] = rows.Select((v, i) => (i % 5) - v).ToArray() };
        var huge = ordinary.ToDictionary(kv => kv.Key, kv => kv.Value.Select(v => v * scale).ToArray());
        var current = ordinary.ToDictionary(kv => kv.Key, kv => kv.Value.Select(v => v * 1.5).ToArray());
        var hugeCurrent = current.ToDictionary(kv => kv.Key, kv => kv.Value.Select(v => v * scale).ToArray());

        var expected = MultivariateDriftDetector.Fit(ordinary, new MultivariateDriftOptions { ChunkSize = 100 });
        var actual = MultivariateDriftDetector.Fit(huge, new MultivariateDriftOptions { ChunkSize = 100 });
        var expectedResult = expected.Detect(current);
        var actualResult = actual.Detect(hugeCurrent);

        actual.ExplainedVarianceRatios.ShouldBe(expected.ExplainedVarianceRatios);
        actual.UpperBound.ShouldBe(expected.UpperBound);
        actualResult.ReconstructionError.ShouldBe(expectedResult.ReconstructionError);
        actualResult.DriftedComponentCount.ShouldBe(expectedResult.DriftedComponentCount);
        actualResult.Components.Select(c => c.PValue).ShouldBe(expectedResult.Components.Select(c => c.PValue));
    }

    [Fact]
    public void Fit_NoColumn_Throws() =>
        Should.Throw<ArgumentException>(() => MultivariateDriftDetector.Fit(new Dictionary<string, double[]>()))
            .Message.ShouldContain("at least one numeric column");

    [Fact]
    public void Fit_Null_Throws() =>
        Should.Throw<ArgumentNullException>(() => MultivariateDriftDetector.Fit(null!));

    [Fact]
    public void Fit_EmptyColumns_Throws() =>
        Should.Throw<ArgumentException>(() => MultivariateDriftDetector.Fit(new Dictionary<string, double[]> { ["a"] = [], ["b"] = [] }))
            .Message.ShouldContain("reference dataset has no rows");

    [Fact]
    public void Fit_FewerRowsThanFeaturesPlusOne_Throws()
    {
        var columns = new Dictionary<string, double[]> { ["a"] = [1, 2, 3], ["b"] = [3, 1, 2], ["c"] = [2, 3, 1] };

        var ex = Should.Throw<ArgumentException>(() => MultivariateDriftDetector.Fit(columns));

        ex.Message.ShouldContain("PCA on 3 features needs at least 4 reference rows; there are 3.");
        ex.ParamName.ShouldBe("reference");
    }

    [Fact]
    public void Fit_ColumnsOfDifferentLength_ThrowsNamingTheFeature() =>
        Should.Throw<ArgumentException>(() => MultivariateDriftDetector.Fit(new Dictionary<string, double[]> { ["a"] = [1, 2, 3, 4], ["b"] = [1, 2, 3] }))
            .Message.ShouldContain("Feature 'b' has 3 reference rows; feature 'a' has 4.");

    [Fact]
    public void Fit_NaN_ThrowsNamingFeatureAndRow() =>
        Should.Throw<ArgumentException>(() => MultivariateDriftDetector.Fit(new Dictionary<string, double[]> { ["a"] = [1, 2, 3, 4], ["b"] = [1, 2, double.NaN, 4] }))
            .Message.ShouldContain("Feature 'b' has a non-finite reference value (NaN) in row 2");

    [Fact]
    public void Fit_NullColumn_Throws() =>
        Should.Throw<ArgumentException>(() => MultivariateDriftDetector.Fit(new Dictionary<string, double[]> { ["a"] = [1, 2, 3], ["b"] = null! }))
            .Message.ShouldContain("Feature 'b' has no column.");

    [Fact]
    public void Fit_ConstantFeature_ThrowsNamingIt() =>
        Should.Throw<ArgumentException>(() => MultivariateDriftDetector.Fit(new Dictionary<string, double[]> { ["a"] = [1, 2, 3, 4], ["k"] = [0.1, 0.1, 0.1, 0.1] }))
            .Message.ShouldContain("Feature 'k' is constant in the reference (0.1)");

    [Fact]
    public void Fit_InvalidOptions_ListsEveryProblem()
    {
        var options = new MultivariateDriftOptions { ExplainedVariance = 0, Components = 4, ChunkSize = 5, Alpha = 1 };

        var ex = Should.Throw<ArgumentException>(() => MultivariateDriftDetector.Fit(Reference, options));

        ex.ParamName.ShouldBe("options");
        ex.Message.ShouldContain("ExplainedVariance must lie in (0, 1], not 0.");
        ex.Message.ShouldContain("Components must lie between 1 and the number of features (3), not 4.");
        ex.Message.ShouldContain("ChunkSize must be at least 1 and leave at least two whole chunks of the 8 reference rows (at most 4), not 5.");
        ex.Message.ShouldContain("Alpha must lie in (0, 1), not 1.");
    }

    [Theory]
    [InlineData(double.NaN, null, null, 0.05, "ExplainedVariance")]
    [InlineData(1.01, null, null, 0.05, "ExplainedVariance")]
    [InlineData(0.65, 0, null, 0.05, "Components")]
    [InlineData(0.65, null, 0, 0.05, "ChunkSize")]
    [InlineData(0.65, null, null, 0.0, "Alpha")]
    public void Fit_InvalidOption_ThrowsNamingIt(double explained, int? components, int? chunkSize, double alpha, string setting)
    {
        var options = new MultivariateDriftOptions { ExplainedVariance = explained, Components = components, ChunkSize = chunkSize, Alpha = alpha };

        Should.Throw<ArgumentException>(() => MultivariateDriftDetector.Fit(Reference, options)).Message.ShouldContain(setting + " must");
    }

    [Fact]
    public void Detect_MissingFeature_ThrowsNamingIt()
    {
        var detector = MultivariateDriftDetector.Fit(Reference);

        var ex = Should.Throw<ArgumentException>(() => detector.Detect(new Dictionary<string, double[]> { ["a"] = [1], ["c"] = [1] }));

        ex.Message.ShouldContain("Feature 'b' of the reference is missing from the current data.");
        ex.ParamName.ShouldBe("current");
    }

    [Fact]
    public void Detect_ColumnsOfDifferentLength_Throws() =>
        Should.Throw<ArgumentException>(() => MultivariateDriftDetector.Fit(Reference).Detect(new Dictionary<string, double[]> { ["a"] = [1, 2], ["b"] = [1, 2], ["c"] = [1] }))
            .Message.ShouldContain("Feature 'c' has 1 current rows; feature 'a' has 2.");

    [Fact]
    public void Detect_Infinity_ThrowsNamingFeatureAndRow() =>
        Should.Throw<ArgumentException>(() => MultivariateDriftDetector.Fit(Reference).Detect(new Dictionary<string, double[]> { ["a"] = [1, double.PositiveInfinity], ["b"] = [1, 2], ["c"] = [1, 2] }))
            .Message.ShouldContain("Feature 'a' has a non-finite current value (Infinity) in row 1");

    [Fact]
    public void Detect_NoRows_Throws() =>
        Should.Throw<ArgumentException>(() => MultivariateDriftDetector.Fit(Reference).Detect(new Dictionary<string, double[]> { ["a"] = [], ["b"] = [], ["c"] = [] }))
            .Message.ShouldContain("The current dataset has no rows.");

    [Fact]
    public void Detect_Null_Throws() =>
        Should.Throw<ArgumentNullException>(() => MultivariateDriftDetector.Fit(Reference).Detect(null!));
}
