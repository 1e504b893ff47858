using System.Text.Json;
using ModelMonitoring.Drift;
using ModelMonitoring.Statistics;
using ModelMonitoring.Tests.Statistics;

namespace ModelMonitoring.Tests.Drift;

/// <summary>Reference profiles against NumPy/SciPy values from tests/fixtures/generate_drift_fixtures.py.</summary>
public sealed class ProfileFixtureTests
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "drift", "profiles.json"))));

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in Document.Value.RootElement.GetProperty("cases").EnumerateArray())
        {
            data.Add(c.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Create_FixtureSample_MatchesNumPyAndSciPy(string name)
    {
        var c = Document.Value.RootElement.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        var values = c.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();

        var profile = FeatureProfile.Create(name, values);

        profile.Name.ShouldBe(name);
        profile.Count.ShouldBe(c.GetProperty("count").GetInt32());
        profile.Mean.ShouldMatch(Expected(c, "mean"), "mean");
        profile.StandardDeviation.ShouldMatch(Expected(c, "std"), "std");
        profile.Min.ShouldBe(Expected(c, "min"));
        profile.Max.ShouldBe(Expected(c, "max"));
        profile.Quartile1.ShouldMatch(Expected(c, "q1"), "q1");
        profile.Median.ShouldMatch(Expected(c, "median"), "median");
        profile.Quartile3.ShouldMatch(Expected(c, "q3"), "q3");
        profile.Skewness.ShouldMatch(Expected(c, "skewness"), "skewness");
        profile.ExcessKurtosis.ShouldMatch(Expected(c, "kurtosis"), "kurtosis");
    }

    [Fact]
    public void Create_KeepsSortedSampleAndReferenceHistogram()
    {
        double[] values = [5, 1, 4, 2, 3, 3];

        var profile = FeatureProfile.Create("x", values);

        profile.Sample.Values.ToArray().ShouldBe([1, 2, 3, 3, 4, 5]);
        profile.Histogram.ReferenceCounts.ToArray().ShouldBe(Histogram.FromReference(values).ReferenceCounts.ToArray());
        values.ShouldBe([5, 1, 4, 2, 3, 3]);
    }

    [Fact]
    public void CategoricalProfile_CountsInOrderOfFirstAppearance()
    {
        var profile = CategoricalProfile.Create("colour", ["red", "blue", "red", "green", "red"]);

        profile.Count.ShouldBe(5);
        profile.Categories.ShouldBe(["red", "blue", "green"]);
        profile.Counts.ToArray().ShouldBe([3L, 1L, 1L]);
    }

    [Fact]
    public void ReferenceProfile_Create_ProfilesEveryColumn()
    {
        var profile = ReferenceProfile.Create(
            new Dictionary<string, double[]> { ["a"] = [1, 2, 3], ["b"] = [3, 2, 1] },
            new Dictionary<string, string[]> { ["c"] = ["x", "y", "x"] });

        profile.RowCount.ShouldBe(3);
        profile.NumericFeatures.Select(f => f.Name).ShouldBe(["a", "b"]);
        profile.CategoricalFeatures.Single().Name.ShouldBe("c");
    }

    [Fact]
    public void ReferenceProfile_Create_ColumnsOfDifferentLength_Throws()
    {
        var ex = Should.Throw<ArgumentException>(() => ReferenceProfile.Create(
            new Dictionary<string, double[]> { ["a"] = [1, 2, 3] },
            new Dictionary<string, string[]> { ["c"] = ["x", "y"] }));

        ex.Message.ShouldContain("'c'");
    }

    [Fact]
    public void ReferenceProfile_Create_NonFiniteValue_Throws() =>
        Should.Throw<ArgumentException>(() => ReferenceProfile.Create(new Dictionary<string, double[]> { ["a"] = [1, double.NaN] }));

    private static double Expected(JsonElement c, string property)
    {
        var value = c.GetProperty(property);
        return value.ValueKind == JsonValueKind.Null ? double.NaN : value.GetDouble();
    }
}
