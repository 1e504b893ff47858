using ModelMonitoring.Statistics;

namespace ModelMonitoring.Tests.Statistics;

/// <summary>
/// SciPy fixtures (precision.json) whose inputs defeat naive double sums: the t-tests on values
/// that differ in their last bits, and Cramér-von Mises at n = m = 10^6.
/// </summary>
public sealed class PrecisionFixtureTests
{
    private const string File = "precision.json";

    [Fact]
    public void WelchTTest_ValuesNearOneTwoUlpsApart_MatchesSciPyWithinOnePpm()
    {
        var (reference, current, expected) = Load("welch_values_near_one", "welch_t");

        var result = ParametricTests.WelchTTest(reference, current);

        result.Statistic.ShouldMatch(FixtureSamples.Number(expected.GetProperty("statistic")), "Welch t");
        result.PValue!.Value.ShouldMatch(FixtureSamples.Number(expected.GetProperty("pvalue")), "Welch p-value");
    }

    [Fact]
    public void StudentTTest_SortedReferenceNearOne_MatchesSciPyWithinOnePpm()
    {
        var (reference, current, expected) = Load("welch_values_near_one", "student_t");

        var result = ParametricTests.StudentTTest(SortedSample.Create(reference), current);

        result.Statistic.ShouldMatch(FixtureSamples.Number(expected.GetProperty("statistic")), "Student t");
        result.PValue!.Value.ShouldMatch(FixtureSamples.Number(expected.GetProperty("pvalue")), "Student p-value");
    }

    [Theory]
    [InlineData("cvm_million_null_a")]
    [InlineData("cvm_million_null_b")]
    public void CramerVonMises_MillionEach_MatchesSciPyWithinOnePpm(string caseName)
    {
        var (reference, current, expected) = Load(caseName, "cramer_von_mises");

        var result = TwoSampleTests.CramerVonMises(reference, current);

        result.Statistic.ShouldMatch(FixtureSamples.Number(expected.GetProperty("statistic")), $"{caseName} T");
        result.PValue!.Value.ShouldMatch(FixtureSamples.Number(expected.GetProperty("pvalue")), $"{caseName} p-value");
    }

    private static (double[] Reference, double[] Current, System.Text.Json.JsonElement Expected) Load(string caseName, string method)
    {
        var c = FixtureSamples.Case(File, caseName);
        return (
            FixtureSamples.Generate(c.GetProperty("reference")),
            FixtureSamples.Generate(c.GetProperty("current")),
            c.GetProperty("expected").GetProperty(method));
    }
}
