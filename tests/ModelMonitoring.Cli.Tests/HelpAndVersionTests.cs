using System.Reflection;

namespace ModelMonitoring.Cli.Tests;

/// <summary><c>--help</c> and <c>--version</c> of the installed tool, and the shape of every usage error.</summary>
public sealed class HelpAndVersionTests : IDisposable
{
    private static readonly string[] DriftOptions =
    [
        "--reference", "--current", "--method", "--columns", "--categorical", "--numeric", "--threshold", "--drift-share",
        "--multivariate", "--format", "--delimiter", "--missing-values", "--help",
    ];

    private readonly CliRunner _cli = new();

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-?")]
    public async Task Run_HelpOption_ListsTheDriftCommandAndTheExitCodesAndExitsZero(string help)
    {
        var result = await _cli.RunAsync(help);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Error.ShouldBeEmpty();
        result.Output.ShouldContain("modelmon [command] [options]");
        result.Output.ShouldMatch(@"drift +Compares the columns of a current CSV file with those of a reference CSV file\.");
        result.Output.ShouldMatch(@"concept +Lists a model's concept drift checks");
        result.Output.ShouldContain("--version");
        result.Output.ShouldContain("Exit codes:");
    }

    [Theory]
    [InlineData("drift", "--help")]
    [InlineData("drift", "-h")]
    [InlineData("drift", "--reference", "r.csv", "--help")]
    [InlineData("drift", "--bogus", "--help")]
    public async Task Drift_HelpOption_ListsEveryOptionAndExitsZero(params string[] args)
    {
        var result = await _cli.RunAsync(args);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Error.ShouldBeEmpty();
        result.Output.ShouldContain("modelmon drift [options]");
        result.Output.ShouldContain("--reference <path> (REQUIRED)");
        foreach (var option in DriftOptions)
        {
            result.Output.ShouldContain(option);
        }

        result.Output.ShouldContain("2  bad usage or input");
    }

    [Fact]
    public async Task Drift_Help_NamesEveryMethodOfTheMethodTable()
    {
        var result = await _cli.RunAsync("drift", "--help");

        // Help text wraps at the console's width, so the names are looked for as words.
        var words = result.Output.Split([' ', '\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries).Select(w => w.TrimEnd('.', ';'));
        words.ShouldContain(MethodTable.Auto);
        foreach (var method in MethodTable.All)
        {
            words.ShouldContain(method);
        }
    }

    [Fact]
    public async Task Drift_Help_ListsEveryMethodWithItsDescription_SayingWassersteinIsNormed()
    {
        var result = await _cli.RunAsync("drift", "--help");

        result.ExitCode.ShouldBe(ExitCodes.NoDrift);
        result.Output.ShouldContain("Methods:");
        foreach (var line in MethodTable.HelpLines())
        {
            result.Output.ShouldContain(line);
        }

        result.Output.ShouldContain("normed: divided by the reference's standard deviation");
    }

    [Fact]
    public async Task Run_Version_PrintsTheInformationalVersionOfTheAssemblyAndExitsZero()
    {
        var expected = typeof(MethodTable).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        var result = await _cli.RunAsync("--version");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Error.ShouldBeEmpty();
        result.Output.TrimEnd().ShouldBe(expected);
        result.Output.ShouldStartWith(Path.GetFileNameWithoutExtension(ModelmonTool.Package)["ModelMonitoring.Cli.".Length..]);
    }

    [Fact]
    public async Task Run_NoArguments_PrintsUsageAndExitsTwo()
    {
        var result = await _cli.RunAsync();

        result.ExitCode.ShouldBe(2);
        result.Output.ShouldContain("modelmon [command] [options]");
    }

    [Theory]
    [InlineData("modelmon", "compare")]
    [InlineData("modelmon drift", "drift", "--reference", "r.csv", "--current", "c.csv", "--bogus")]
    [InlineData("modelmon drift", "drift", "--reference", "r.csv", "--current", "c.csv", "--method", "foo")]
    [InlineData("modelmon drift", "drift", "--reference", "r.csv", "--current", "c.csv", "--delimiter", "ab")]
    public async Task Run_UsageError_ExitsTwoWithOneMessageLineAndTheHelpPointerOnStandardError(string command, params string[] args)
    {
        var result = await _cli.RunAsync(args);

        result.ExitCode.ShouldBe(2);
        result.Output.ShouldBeEmpty();
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Length.ShouldBe(2, result.Error);
        lines[0].ShouldStartWith("modelmon: ");
        lines[1].ShouldBe($"Run '{command} --help' for usage.");
    }

    public void Dispose() => _cli.Dispose();
}
