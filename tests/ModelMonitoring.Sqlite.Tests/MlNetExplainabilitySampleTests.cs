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
        var (exitCode, text, error) = await SampleProcess.RunAsync("MlNetExplainability", _directory.Path, TimeSpan.FromMinutes(3));

        exitCode.ShouldBe(0, text + error);
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
