using System.Text.Json;

namespace ModelMonitoring.Cli.Tests;

/// <summary>What the report tells a user beyond the verdicts: rows, summaries, direction, and the share against its threshold.</summary>
public sealed class DriftReportTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public DriftReportTests()
    {
        _cli.Write("r.csv", "x,color\n1,red\n2,red\n3,blue\n4,red\n5,blue\n");
        _cli.Write("c.csv", "x,color\n11,red\n12,green\n,blue\n14,green\n");
    }

    [Fact]
    public async Task Json_NamesTheMeasuredShareAndTheThresholdApart()
    {
        var result = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "c.csv", "--drift-share", "0.4", "--format", "json");

        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        root.TryGetProperty("drift_share", out _).ShouldBeFalse();
        root.GetProperty("drift_share_threshold").GetDouble().ShouldBe(0.4);
        root.GetProperty("drifted_share").GetDouble().ShouldBe((double)root.GetProperty("drifted_columns").GetInt32() / 2);
        root.GetProperty("rows").GetProperty("reference").GetInt32().ShouldBe(5);
        root.GetProperty("rows").GetProperty("current").GetInt32().ShouldBe(4);
    }

    [Fact]
    public async Task Json_NumericColumn_HasSummariesAndTheMeanDirection()
    {
        var result = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "c.csv", "--format", "json");

        using var json = JsonDocument.Parse(result.Output);
        var x = json.RootElement.GetProperty("columns")[0];
        var reference = x.GetProperty("reference");
        reference.EnumerateObject().Select(p => p.Name).ShouldBe(["rows", "missing_share", "mean", "p5", "p50", "p95"]);
        reference.GetProperty("mean").GetDouble().ShouldBe(3);
        reference.GetProperty("p5").GetDouble().ShouldBe(1.2, 1e-12);
        reference.GetProperty("p50").GetDouble().ShouldBe(3);
        reference.GetProperty("p95").GetDouble().ShouldBe(4.8, 1e-12);
        reference.GetProperty("missing_share").GetDouble().ShouldBe(0);
        var current = x.GetProperty("current");
        current.GetProperty("rows").GetInt32().ShouldBe(4);
        current.GetProperty("missing_share").GetDouble().ShouldBe(0.25);
        current.GetProperty("mean").GetDouble().ShouldBe(37.0 / 3, 1e-12);
        current.GetProperty("p50").GetDouble().ShouldBe(12);
        x.GetProperty("shift").GetProperty("direction").GetString().ShouldBe("up");
        x.GetProperty("shift").GetProperty("mean_change").GetDouble().ShouldBe((37.0 / 3) - 3, 1e-12);
    }

    [Fact]
    public async Task Json_CategoricalColumn_HasNewCategoriesAndTheLargestShareChange()
    {
        var result = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "c.csv", "--format", "json");

        using var json = JsonDocument.Parse(result.Output);
        var color = json.RootElement.GetProperty("columns")[1];
        color.GetProperty("reference").GetProperty("categories").GetInt32().ShouldBe(2);
        color.GetProperty("current").GetProperty("categories").GetInt32().ShouldBe(3);
        var shift = color.GetProperty("shift");
        shift.GetProperty("new_categories").EnumerateArray().Select(c => c.GetString()).ShouldBe(["green"]);
        shift.GetProperty("category").GetString().ShouldBe("green");
        shift.GetProperty("share_change").GetDouble().ShouldBe(0.5, 1e-12);
    }

    [Fact]
    public async Task Text_ShowsRowsSummariesDirectionAndTheThreshold()
    {
        var result = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "c.csv");

        result.Output.ShouldStartWith("Rows: 5 in r.csv (reference), 4 in c.csv (current).");
        result.Output.ShouldContain("Summaries (reference -> current):");
        var lines = result.Output.Split('\n');
        lines.Single(l => l.StartsWith("x ", StringComparison.Ordinal) && l.Contains("mean up", StringComparison.Ordinal)).ShouldNotBeNull();
        lines.Single(l => l.StartsWith("x ", StringComparison.Ordinal) && l.Contains("0% -> 25%", StringComparison.Ordinal)).ShouldContain("3 -> 12.33");
        lines.Single(l => l.StartsWith("color ", StringComparison.Ordinal) && l.Contains("2 -> 3", StringComparison.Ordinal)).ShouldContain("new: green");
        lines.Single(l => l.StartsWith("color ", StringComparison.Ordinal) && l.Contains("pp", StringComparison.Ordinal)).ShouldContain("'green' +50.0 pp");
        result.Output.ShouldContain("the threshold of 50.0 %.");
    }

    [Fact]
    public async Task Wasserstein_TextAndJson_SayTheDistanceIsNormedByTheReferencesStandardDeviation()
    {
        var text = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "c.csv", "--columns", "x", "--method", "wasserstein");
        var json = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "c.csv", "--columns", "x", "--method", "wasserstein", "--format", "json");

        text.Output.ShouldContain("wasserstein: Wasserstein distance, normed: divided by the reference's standard deviation");
        using var document = JsonDocument.Parse(json.Output);
        document.RootElement.GetProperty("columns")[0].GetProperty("method_description").GetString()
            .ShouldStartWith("Wasserstein distance, normed: divided by the reference's standard deviation");
    }

    public void Dispose() => _cli.Dispose();
}
