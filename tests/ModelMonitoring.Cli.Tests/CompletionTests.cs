namespace ModelMonitoring.Cli.Tests;

/// <summary>
/// Tab completion through System.CommandLine's <c>[suggest:position]</c> directive, which the shell
/// functions in the CLI README and <c>dotnet-suggest</c> call.
/// </summary>
public sealed class CompletionTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [Theory]
    [InlineData("modelmon dr", "drift")]
    [InlineData("modelmon drift --me", "--method")]
    [InlineData("modelmon drift --del", "--delimiter")]
    [InlineData("modelmon drift --method ks --format j", "json")]
    public async Task Suggest_PartialWord_CompletesIt(string line, string expected)
    {
        var result = await _cli.RunAsync($"[suggest:{line.Length}]", line);

        result.ExitCode.ShouldBe(0, result.Error);
        Lines(result.Output).ShouldBe([expected]);
    }

    [Fact]
    public async Task Suggest_MethodValue_ListsAutoAndEveryMethodOfTheMethodTable()
    {
        const string line = "modelmon drift --method ";

        var result = await _cli.RunAsync($"[suggest:{line.Length}]", line);

        result.ExitCode.ShouldBe(0, result.Error);
        Lines(result.Output).ShouldBe([MethodTable.Auto, .. MethodTable.All], ignoreOrder: true);
    }

    [Fact]
    public async Task Suggest_AfterDrift_ListsItsOptions()
    {
        const string line = "modelmon drift --reference r.csv ";

        var result = await _cli.RunAsync($"[suggest:{line.Length}]", line);

        result.ExitCode.ShouldBe(0, result.Error);
        Lines(result.Output).ShouldContain("--current");
        Lines(result.Output).ShouldContain("--missing-values");
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public void Dispose() => _cli.Dispose();
}
