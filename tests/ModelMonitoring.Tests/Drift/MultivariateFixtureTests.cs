using System.Text.Json;
using ModelMonitoring.Drift;
using ModelMonitoring.Tests.Statistics;

namespace ModelMonitoring.Tests.Drift;

/// <summary>
/// <see cref="MultivariateDriftDetector"/> against NumPy/SciPy values from
/// tests/fixtures/generate_multivariate_fixtures.py (SVD of the standardised data there,
/// eigendecomposition of the correlation matrix here; <c>scipy.stats.ks_2samp</c> per component).
/// </summary>
public sealed class MultivariateFixtureTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in MultivariateFixture.Cases)
        {
            data.Add(c.GetProperty("name").GetString()!);
        }

        return data;
    }

    public static TheoryData<string, string> Currents()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in MultivariateFixture.Cases)
        {
            foreach (var current in c.GetProperty("currents").EnumerateArray())
            {
                data.Add(c.GetProperty("name").GetString()!, current.GetProperty("name").GetString()!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit_FixtureReference_MatchesNumPy(string name)
    {
        var c = MultivariateFixture.Case(name);

        var detector = Fit(c);

        var ratios = MultivariateFixture.Doubles(c.GetProperty("explained_variance_ratios"));
        detector.ExplainedVarianceRatios.Count.ShouldBe(ratios.Length);
        for (var i = 0; i < ratios.Length; i++)
        {
            detector.ExplainedVarianceRatios[i].ShouldMatch(ratios[i], $"explained variance ratio {i}");
        }

        detector.ComponentCount.ShouldBe(c.GetProperty("components").GetInt32());
        detector.ChunkSize.ShouldBe(c.GetProperty("chunk_size").GetInt32());
        var chunkErrors = MultivariateFixture.Doubles(c.GetProperty("chunk_errors"));
        detector.ChunkErrors.Count.ShouldBe(chunkErrors.Length);
        for (var i = 0; i < chunkErrors.Length; i++)
        {
            detector.ChunkErrors[i].ShouldMatch(chunkErrors[i], $"chunk error {i}");
        }

        detector.LowerBound.ShouldMatch(c.GetProperty("lower_bound").GetDouble(), "lower bound");
        detector.UpperBound.ShouldMatch(c.GetProperty("upper_bound").GetDouble(), "upper bound");
        detector.ReferenceReconstructionError.ShouldMatch(c.GetProperty("reference_error").GetDouble(), "reference error");
    }

    [Theory]
    [MemberData(nameof(Currents))]
    public void Detect_FixtureCurrent_MatchesSciPy(string name, string currentName)
    {
        var detector = Fit(MultivariateFixture.Case(name));
        var expected = MultivariateFixture.Current(name, currentName);

        var result = detector.Detect(MultivariateFixture.Generate(expected.GetProperty("data")));

        var components = expected.GetProperty("components").EnumerateArray().ToArray();
        result.Components.Count.ShouldBe(components.Length);
        for (var c = 0; c < components.Length; c++)
        {
            var actual = result.Components[c];
            actual.Index.ShouldBe(c);
            actual.Statistic.ShouldMatch(components[c].GetProperty("statistic").GetDouble(), $"component {c} statistic");
            actual.PValue.ShouldMatch(components[c].GetProperty("p_value").GetDouble(), $"component {c} p-value");
            actual.Threshold.ShouldBe(0.05 / components.Length, 1e-15);
            actual.Drifted.ShouldBe(components[c].GetProperty("drifted").GetBoolean(), $"component {c} drifted");
        }

        result.ReconstructionError.ShouldMatch(expected.GetProperty("reconstruction_error").GetDouble(), "reconstruction error");
        result.ReconstructionDrifted.ShouldBe(expected.GetProperty("reconstruction_drifted").GetBoolean());
        result.LowerBound.ShouldBe(detector.LowerBound);
        result.UpperBound.ShouldBe(detector.UpperBound);
        result.ReferenceChunkCount.ShouldBe(detector.ChunkErrors.Count);
        result.RowCount.ShouldBe(expected.GetProperty("data").GetProperty("rows").GetInt32());
    }

    private static MultivariateDriftDetector Fit(JsonElement c) =>
        MultivariateDriftDetector.Fit(MultivariateFixture.Generate(c.GetProperty("reference")), MultivariateFixture.Options(c));
}
