using System.Text.RegularExpressions;

namespace ModelMonitoring.Cli.Tests;

public sealed class HelpAndVersionTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("drift", "--help")]
    [InlineData("drift", "-h")]
    [InlineData("drift", "--reference", "r.csv", "--help")]
    public async Task Run_HelpOption_PrintsUsageAndExitsZero(params string[] args)
    {
        var result = await _cli.RunAsync(args);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Error.ShouldBeEmpty();
        result.Output.ShouldContain("Usage: modelmon drift --reference <file.csv> --current <file.csv> [options]");
    }

    [Fact]
    public async Task Run_Version_PrintsVersionAndExitsZero()
    {
        var result = await _cli.RunAsync("--version");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Error.ShouldBeEmpty();
        Regex.IsMatch(result.Output, @"^modelmon \d+\.\d+\.\d+").ShouldBeTrue(result.Output);
    }

    [Fact]
    public async Task Run_NoArguments_PrintsUsageAndExitsTwo()
    {
        var result = await _cli.RunAsync();

        result.ExitCode.ShouldBe(2);
        result.Output.ShouldContain("Usage: modelmon drift");
    }

    public void Dispose() => _cli.Dispose();
}
