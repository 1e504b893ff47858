using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ModelMonitoring.Sqlite.Tests;

/// <summary>Runs samples/MlNetExplainability as a process: an ML.NET model monitored with background Kernel SHAP attributions.</summary>
public sealed partial class MlNetExplainabilitySampleTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Sample_ExplainsASampleOfItsPredictions_AndTheStoredAttributionsAddUpToThePrediction()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = output.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var sample = Path.Combine(root, "samples", "MlNetExplainability", "bin", output.Parent.Name, output.Name, "MlNetExplainability.dll");
        File.Exists(sample).ShouldBeTrue(sample);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = _directory.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(sample);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var hang = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(hang.Token);
        var text = await stdout;

        process.ExitCode.ShouldBe(0, text + await stderr);
        text.ShouldContain("Served 142 predictions; the worker explained 14 of them (skipped 0).");
        var sum = AdditivityRegex().Match(text);
        sum.Success.ShouldBeTrue(text);
        double.Parse(sum.Groups[1].Value, CultureInfo.InvariantCulture).ShouldBe(double.Parse(sum.Groups[2].Value, CultureInfo.InvariantCulture), 0.002);
        text.ShouldMatch(@"Feature importance \(mean \|attribution\| over 14 explained predictions\):\r?\n  bmi ");
        File.Exists(_directory.File("mlnet.db")).ShouldBeTrue();
    }

    [GeneratedRegex(@"base \+ attributions = ([0-9.]+) \(the prediction, ([0-9.]+)\)")]
    private static partial Regex AdditivityRegex();
}
