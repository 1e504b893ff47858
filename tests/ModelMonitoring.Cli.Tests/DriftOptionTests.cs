using System.Text.Json;

namespace ModelMonitoring.Cli.Tests;

/// <summary><c>--drift-share</c>, <c>--numeric</c>, and input the shared CSV reader accepts.</summary>
public sealed class DriftOptionTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public DriftOptionTests()
    {
        _cli.Write("r.csv", Csv.Mixed(60));
        _cli.Write("shifted.csv", Csv.Mixed(60, shift: 100));
        _cli.Write("text.csv", "x,y,color\n1,2,red\nabc,3,blue\n4,5,red\n");
    }

    [Theory]
    [InlineData("0.5", 0)]
    [InlineData("0.3", 1)]
    [InlineData("0.34", 0)]
    [InlineData("1", 0)]
    public async Task Drift_DriftShare_DecidesTheVerdictForOneOfThreeDrifted(string share, int exitCode)
    {
        var result = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "shifted.csv", "--drift-share", share, "--format", "json");

        result.ExitCode.ShouldBe(exitCode, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("drifted_share").GetDouble().ShouldBe(1.0 / 3, 1e-12);
        json.RootElement.GetProperty("drift_detected").GetBoolean().ShouldBe(exitCode == 1);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.1")]
    [InlineData("1.5")]
    [InlineData("abc")]
    [InlineData("NaN")]
    public async Task Drift_BadDriftShare_ExitsTwo(string share)
    {
        var result = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "r.csv", "--drift-share", share);

        result.ExitCode.ShouldBe(2);
        result.Output.ShouldBeEmpty();
        result.Error.ShouldContain($"Bad value '{share}' for '--drift-share': the share of drifted columns must lie in (0, 1].");
    }

    [Fact]
    public async Task Drift_NumericColumnWithText_ExitsTwoNamingLineAndColumn()
    {
        var result = await _cli.RunAsync("drift", "--reference", "text.csv", "--current", "r.csv", "--numeric", "x");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("text.csv line 3: column 'x' must be numeric but has the value 'abc'.");
    }

    [Fact]
    public async Task Drift_WithoutNumeric_TextMakesTheColumnCategorical()
    {
        var result = await _cli.RunAsync("drift", "--reference", "text.csv", "--current", "text.csv", "--format", "json");

        result.ExitCode.ShouldBe(0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("columns")[0].GetProperty("type").GetString().ShouldBe("categorical");
    }

    [Fact]
    public async Task Drift_NumericOnNumericColumn_ComparesIt()
    {
        var result = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "shifted.csv", "--numeric", "x,y", "--columns", "x,y", "--format", "json");

        result.ExitCode.ShouldBe(1, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("type").GetString()).ShouldBe(["numeric", "numeric"]);
    }

    [Theory]
    [InlineData("Unknown column 'z' in '--numeric': r.csv has no such column.", "--numeric", "z")]
    [InlineData("Column 'x' is listed in both '--numeric' and '--categorical'.", "--numeric", "x,y", "--categorical", "x")]
    [InlineData("Option '--numeric' has an empty column name in 'x,'.", "--numeric", "x,")]
    public async Task Drift_BadNumericOption_ExitsTwo(string message, params string[] options)
    {
        var result = await _cli.RunAsync(["drift", "--reference", "r.csv", "--current", "r.csv", .. options]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain(message);
    }

    [Fact]
    public async Task Drift_EmptyValuesAndUnnamedColumns_AreSkipped()
    {
        // A pandas index column has an empty name; empty fields are missing values.
        _cli.Write("gaps-r.csv", ",x,color\n0,1,red\n1,,blue\n2,3,\n3,4,red\n");
        _cli.Write("gaps-c.csv", ",x,color\n0,1,red\n1,2,\n2,,blue\n");

        var result = await _cli.RunAsync("drift", "--reference", "gaps-r.csv", "--current", "gaps-c.csv", "--format", "json");

        result.ExitCode.ShouldBe(0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ShouldBe(["x", "color"]);
    }

    public void Dispose() => _cli.Dispose();
}
