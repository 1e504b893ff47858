using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ModelMonitoring.Cli.Tests;

/// <summary><c>modelmon drift --method combined</c>: the first seed's verdict, with every component in the report.</summary>
public sealed class CombinedMethodTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public CombinedMethodTests()
    {
        _cli.Write("r.csv", Table(shift: 0, colors: ["red", "green", "blue"]));
        _cli.Write("same.csv", Table(shift: 0, colors: ["red", "green", "blue"]));
        _cli.Write("shifted.csv", Table(shift: 25, colors: ["red", "red", "red", "green", "blue"]));
    }

    [Fact]
    public async Task Drift_MethodCombined_ShiftedMean_ExitsOneWithEveryComponentInTheJson()
    {
        var result = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "shifted.csv", "--method", "combined", "--format", "json");

        result.ExitCode.ShouldBe(1, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        var columns = json.RootElement.GetProperty("columns").EnumerateArray().ToArray();
        columns.Select(c => c.GetProperty("method").GetString()).ShouldBe(["combined", "combined"]);
        columns.Select(c => c.GetProperty("threshold").GetDouble()).ShouldBe([1.0, 1.0]);
        columns.ShouldAllBe(c => c.GetProperty("drift_detected").GetBoolean());
        var x = columns[0].GetProperty("details");
        x.EnumerateObject().Select(p => p.Name).ShouldBe(["ks_statistic", "ks_pvalue", "mannwhitney_statistic", "mannwhitney_pvalue", "jensenshannon", "mean_change", "std_change"]);

        // 1..200 moved up by 25: the mean from 100.5 to 125.5, the spread unchanged.
        x.GetProperty("mean_change").GetDouble().ShouldBe(25 / 100.5, 1e-12);
        x.GetProperty("std_change").GetDouble().ShouldBe(0, 1e-12);
        columns[0].GetProperty("statistic").GetDouble().ShouldBeGreaterThanOrEqualTo(25 / 100.5 / 0.2 - 1e-12);
        columns[1].GetProperty("details").EnumerateObject().Select(p => p.Name).ShouldBe(["chisquare_statistic", "chisquare_pvalue", "jensenshannon"]);
    }

    [Fact]
    public async Task Drift_MethodCombined_SameData_ExitsZeroAndTheTextNamesTheComponents()
    {
        var result = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "same.csv", "--method", "combined");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldContain("combined: The first seed's combined verdict");
        result.Output.ShouldContain("x (combined): ks_statistic 0, ks_pvalue 1,");
        result.Output.ShouldContain("mean_change 0, std_change 0.");
        result.Output.ShouldContain("color (combined): chisquare_statistic 0, chisquare_pvalue 1, jensenshannon 0.");
    }

    [Fact]
    public async Task Drift_MethodCombined_ThresholdScalesEveryComponent()
    {
        // At 1.3 a mean change of 25 % (ratio 1.24) is not enough, and neither test nor distance is beyond 1.3 times its threshold here.
        var result = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "shifted.csv", "--columns", "x", "--method", "combined", "--threshold", "1.3", "--format", "json");

        using var json = JsonDocument.Parse(result.Output);
        var x = json.RootElement.GetProperty("columns")[0];
        x.GetProperty("threshold").GetDouble().ShouldBe(1.3);
        x.GetProperty("drift_detected").GetBoolean().ShouldBe(x.GetProperty("statistic").GetDouble() >= 1.3);
        result.ExitCode.ShouldBe(x.GetProperty("drift_detected").GetBoolean() ? 1 : 0, result.Error);
    }

    [Fact]
    public async Task DriftHelp_ListsCombinedFromTheCatalog()
    {
        var result = await _cli.RunAsync("drift", "--help");

        result.ExitCode.ShouldBe(0);
        result.Output.ShouldContain("combined");
    }

    public void Dispose() => _cli.Dispose();

    private static string Table(double shift, string[] colors)
    {
        var text = new StringBuilder("x,color\n");
        for (var i = 1; i <= 200; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i + shift},{colors[i % colors.Length]}\n");
        }

        return text.ToString();
    }
}
