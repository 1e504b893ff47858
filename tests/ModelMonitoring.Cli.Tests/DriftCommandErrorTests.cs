namespace ModelMonitoring.Cli.Tests;

public sealed class DriftCommandErrorTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public DriftCommandErrorTests()
    {
        _cli.Write("r.csv", Csv.Mixed(20));
        _cli.Write("c.csv", Csv.Mixed(20));
        _cli.Write("empty.csv", string.Empty);
        _cli.Write("header.csv", "x,y,color\n");
        _cli.Write("ragged.csv", "x,y,color\n1,2,red\n2,3,blue\n3,4\n");
        _cli.Write("text.csv", "x,y,color\n1,2,red\nabc,3,blue\n");
        _cli.Write("noy.csv", "x,color\n1,red\n2,blue\n");
        _cli.Write("binary.csv", "x,y,color\n1,2,red\n2,3,blue\n3,4,green\n");
    }

    [Theory]
    [InlineData("missing.csv", "c.csv", "File not found: missing.csv")]
    [InlineData("r.csv", "empty.csv", "empty.csv is empty.")]
    [InlineData("header.csv", "c.csv", "header.csv has a header but no data rows.")]
    [InlineData("r.csv", "ragged.csv", "ragged.csv line 4: expected 3 fields, found 2.")]
    [InlineData("r.csv", "text.csv", "text.csv line 3: column 'x' must be numeric but has the value 'abc', which is not a number: the column is numeric in r.csv; list it in '--categorical'")]
    [InlineData("r.csv", "noy.csv", "Unknown column 'y': noy.csv has no such column.")]
    public async Task Drift_BadInputFile_ExitsTwoNamingTheProblem(string reference, string current, string message)
    {
        var result = await _cli.RunAsync("drift", "--reference", reference, "--current", current);

        result.ExitCode.ShouldBe(2);
        result.Output.ShouldBeEmpty();
        result.Error.ShouldContain(message);
    }

    [Theory]
    [InlineData("Unrecognized command or argument '--bogus'.", "--bogus", "1")]
    [InlineData("Required argument missing for option: '--format'.", "--format")]
    [InlineData("Option '--columns' needs a value.", "--columns", "--format", "json")]
    [InlineData("Unknown format 'xml'; allowed: text, json.", "--format", "xml")]
    [InlineData("Unknown method 'foo'; allowed: auto, ks,", "--method", "foo")]
    [InlineData("Unknown column 'z': r.csv has no such column.", "--columns", "x,z")]
    [InlineData("Unknown column 'z' in '--categorical'", "--categorical", "z")]
    [InlineData("Method 'ks' does not apply to column 'color', which is categorical.", "--method", "ks")]
    [InlineData("Method 'chisquare' does not apply to column 'x', which is numeric.", "--method", "chisquare")]
    [InlineData("Option '--threshold' needs '--method' other than 'auto'", "--threshold", "0.1")]
    [InlineData("Bad value '1.5' for '--threshold': 'ks' is a test; its threshold is a p-value in (0, 1).", "--method", "ks", "--threshold", "1.5")]
    [InlineData("Bad value 'abc' for '--threshold'", "--method", "psi", "--threshold", "abc")]
    [InlineData("Option '--method' expects a single argument but 2 were provided.", "--method", "ks", "--method", "ks")]
    public async Task Drift_BadOption_ExitsTwoNamingTheProblem(string message, params string[] options)
    {
        var result = await _cli.RunAsync(["drift", "--reference", "r.csv", "--current", "c.csv", .. options]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain(message);
    }

    [Fact]
    public async Task Drift_ZTestOnThreeCategories_ExitsTwoNamingTheColumn()
    {
        var result = await _cli.RunAsync("drift", "--reference", "binary.csv", "--current", "binary.csv", "--columns", "color", "--method", "ztest");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("color");
    }

    [Theory]
    [InlineData("Option '--reference' is required.", "drift", "--current", "c.csv")]
    [InlineData("Option '--current' is required.", "drift", "--reference", "r.csv")]
    [InlineData("Unrecognized command or argument 'compare'.", "compare")]
    public async Task Run_BadCommandLine_ExitsTwoNamingTheProblem(string message, params string[] args)
    {
        var result = await _cli.RunAsync(args);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain(message);
    }

    public void Dispose() => _cli.Dispose();
}
