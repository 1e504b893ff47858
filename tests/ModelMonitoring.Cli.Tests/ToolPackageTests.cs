using System.IO.Compression;
using System.Text.Json;

namespace ModelMonitoring.Cli.Tests;

/// <summary>The tool package runs where only the .NET 8 LTS runtime, or only a newer major, is installed.</summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [Theory]
    [InlineData("net8.0")]
    [InlineData("net10.0")]
    public void Package_ToolAsset_IsPresentAndRollsForwardToTheNextMajor(string framework)
    {
        using var package = ZipFile.OpenRead(ModelmonTool.Package);

        package.GetEntry($"tools/{framework}/any/ModelMonitoring.Cli.dll").ShouldNotBeNull();
        package.GetEntry($"tools/{framework}/any/DotnetToolSettings.xml").ShouldNotBeNull();
        var config = package.GetEntry($"tools/{framework}/any/ModelMonitoring.Cli.runtimeconfig.json").ShouldNotBeNull();
        using var stream = config.Open();
        using var json = JsonDocument.Parse(stream);
        var options = json.RootElement.GetProperty("runtimeOptions");
        options.GetProperty("tfm").GetString().ShouldBe(framework);
        options.GetProperty("rollForward").GetString().ShouldBe("Major");

        // The large-file peak memory of docs/benchmarks.md depends on these two.
        var properties = options.GetProperty("configProperties");
        properties.GetProperty("System.GC.ConserveMemory").GetInt32().ShouldBe(7);
        properties.GetProperty("System.GC.Concurrent").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Net8Asset_RunOnThisMachinesRuntime_ChecksDrift()
    {
        // Where the .NET 8 runtime is missing (as on the machine this was written on, which has only
        // .NET 10), this passes only because the asset rolls forward to the next major.
        _cli.Write("r.csv", Csv.Mixed(60));
        _cli.Write("shifted.csv", Csv.Mixed(60, shift: 100));
        var extracted = Path.Combine(_cli.Directory, "package");
        ZipFile.ExtractToDirectory(ModelmonTool.Package, extracted);
        var dll = Path.Combine(extracted, "tools", "net8.0", "any", "ModelMonitoring.Cli.dll");

        var same = await _cli.RunFileAsync(ModelmonTool.Dotnet, dll, "drift", "--reference", "r.csv", "--current", "r.csv");
        var shifted = await _cli.RunFileAsync(ModelmonTool.Dotnet, dll, "drift", "--reference", "r.csv", "--current", "shifted.csv", "--drift-share", "0.3");

        same.ExitCode.ShouldBe(0, same.Error);
        shifted.ExitCode.ShouldBe(1, shifted.Error);
        shifted.Output.ShouldContain("Drift detected");
    }

    public void Dispose() => _cli.Dispose();
}
