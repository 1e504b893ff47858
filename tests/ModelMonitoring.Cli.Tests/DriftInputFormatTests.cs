using System.Text.Json;

namespace ModelMonitoring.Cli.Tests;

/// <summary>How the files are read: delimiter, missing-value tokens, bad values and the kind of a 0/1 column.</summary>
public sealed class DriftInputFormatTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [Fact]
    public async Task Drift_MissingTokens_AreMissingAndKeepTheColumnNumeric()
    {
        _cli.Write("r.csv", "amount\n1\nNA\n3\n\n4\nN/A\n5\n");
        _cli.Write("c.csv", "amount\n1\n2\nnull\n4\nNaN\n");

        var result = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "c.csv", "--format", "json");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Error.ShouldBeEmpty();
        using var json = JsonDocument.Parse(result.Output);
        var column = json.RootElement.GetProperty("columns")[0];
        column.GetProperty("type").GetString().ShouldBe("numeric");
        column.GetProperty("reference").GetProperty("rows").GetInt32().ShouldBe(6);
        column.GetProperty("reference").GetProperty("missing_share").GetDouble().ShouldBe(2.0 / 6, 1e-12);
        column.GetProperty("current").GetProperty("missing_share").GetDouble().ShouldBe(2.0 / 5, 1e-12);
    }

    [Fact]
    public async Task Drift_MissingValuesOption_ReplacesTheDefaultTokens()
    {
        _cli.Write("r.csv", "amount\n1\n-999\n3\n4\n");
        _cli.Write("c.csv", "amount\n1\n2\n-999\n4\n");

        var result = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "c.csv", "--missing-values", "-999,?", "--format", "json");

        result.ExitCode.ShouldBe(0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        var column = json.RootElement.GetProperty("columns")[0];
        column.GetProperty("type").GetString().ShouldBe("numeric");
        column.GetProperty("reference").GetProperty("mean").GetDouble().ShouldBe(8.0 / 3, 1e-12);
    }

    [Fact]
    public async Task Drift_Delimiter_ReadsBothFilesWithIt()
    {
        _cli.Write("r.csv", "x;label\n1,5;a\n2,5;b\n3,5;a\n");
        _cli.Write("c.csv", "x;label\n1,5;a\n2,5;b\n3,5;\"a;b\"\n");

        var result = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "c.csv", "--delimiter", ";", "--categorical", "x", "--format", "json");

        result.ExitCode.ShouldBeOneOf(0, 1);
        result.Error.ShouldBeEmpty();
        using var json = JsonDocument.Parse(result.Output);
        var columns = json.RootElement.GetProperty("columns").EnumerateArray().ToArray();
        columns.Select(c => c.GetProperty("name").GetString()).ShouldBe(["x", "label"]);
        columns[1].GetProperty("shift").GetProperty("new_categories").EnumerateArray().Select(c => c.GetString()).ShouldBe(["a;b"]);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("\"")]
    public async Task Drift_BadDelimiter_ExitsTwoNamingTheOption(string delimiter)
    {
        _cli.Write("r.csv", "x\n1\n");

        var result = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "r.csv", "--delimiter", delimiter);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain($"Bad value '{delimiter}' for '--delimiter'");
    }

    [Fact]
    public async Task Drift_NonNumberInNumericColumn_NamesValueColumnAndLine()
    {
        _cli.Write("r.csv", "x,note\n1,a\n2,b\n3,c\n");
        _cli.Write("c.csv", "x,note\n1,\"two\nlines\"\nNA,b\n1O,c\n");

        var result = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "c.csv");

        result.ExitCode.ShouldBe(2);
        result.Output.ShouldBeEmpty();
        result.Error.ShouldContain("c.csv line 5: column 'x' must be numeric but has the value '1O', which is not a number: the column is numeric in r.csv; list it in '--categorical' to compare it as categories.");
    }

    [Fact]
    public async Task Drift_ZeroOneColumn_IsComparedAsCategories()
    {
        _cli.Write("r.csv", "flag\n0\n1\n0\n0\n1\n0\n");
        _cli.Write("c.csv", "flag\n1\n1\n0\n1\n1\n1\n");

        var result = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "c.csv", "--format", "json");

        result.Error.ShouldBeEmpty();
        using var json = JsonDocument.Parse(result.Output);
        var column = json.RootElement.GetProperty("columns")[0];
        column.GetProperty("type").GetString().ShouldBe("categorical");
        column.GetProperty("method").GetString().ShouldBe("ztest");
        column.GetProperty("shift").GetProperty("category").GetString().ShouldBe("0");
        column.GetProperty("shift").GetProperty("share_change").GetDouble().ShouldBe((1.0 / 6) - (4.0 / 6), 1e-12);
    }

    [Fact]
    public async Task Drift_ZeroOneColumnListedNumeric_IsComparedAsNumbers()
    {
        _cli.Write("r.csv", "flag\n0\n1\n0\n0\n1\n0\n");

        var result = await _cli.RunAsync("drift", "--reference", "r.csv", "--current", "r.csv", "--numeric", "flag", "--format", "json");

        result.ExitCode.ShouldBe(0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("columns")[0].GetProperty("type").GetString().ShouldBe("numeric");
    }

    public void Dispose() => _cli.Dispose();
}
