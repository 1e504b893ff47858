using ModelMonitoring.Statistics;

namespace ModelMonitoring.Tests.Statistics;

public sealed class ProportionsZTestTests
{
    public static TheoryData<int> Cases()
    {
        var data = new TheoryData<int>();
        var count = FixtureSamples.Load("proportions.json").GetProperty("cases").GetArrayLength();
        for (var i = 0; i < count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ProportionsZTest_FormulaFixture_MatchesNormalSurvival(int index)
    {
        var c = FixtureSamples.Load("proportions.json").GetProperty("cases")[index];

        var result = ParametricTests.ProportionsZTest(
            c.GetProperty("reference_successes").GetInt64(),
            c.GetProperty("reference_trials").GetInt64(),
            c.GetProperty("current_successes").GetInt64(),
            c.GetProperty("current_trials").GetInt64());

        var expected = c.GetProperty("expected");
        result.Method.ShouldBe(TwoSampleMethods.ProportionsZTest);
        result.Statistic.ShouldMatch(expected.GetProperty("statistic").GetDouble(), $"case {index} z");
        result.PValue!.Value.ShouldMatch(expected.GetProperty("pvalue").GetDouble(), $"case {index} p");
    }

    [Fact]
    public void ProportionsZTest_SuccessesAboveTrials_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => ParametricTests.ProportionsZTest(5, 4, 1, 10));
    }

    [Fact]
    public void ProportionsZTest_ZeroTrials_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => ParametricTests.ProportionsZTest(0, 0, 1, 10));
    }
}
