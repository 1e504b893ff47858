using Microsoft.Extensions.DependencyInjection;
using ModelMonitoring.Alerting;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Cli.Tests;

/// <summary><c>modelmon concept</c> of the installed tool, on a SQLite store written through the library.</summary>
public sealed class ConceptCommandTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Concept_ListsTheStoredChecksOldestFirst_AndExitsOneWhenTheLatestDrifted()
    {
        var store = await WriteStoreAsync(Check(0, drifted: false), Check(10, drifted: true));

        var result = await _cli.RunAsync("concept", "--store", store, "--model", "fraud");

        result.ExitCode.ShouldBe(1, result.Error);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(3);
        lines[1].ShouldStartWith("2026-03-01T12:00:00Z  realized.accuracy");
        lines[1].ShouldEndWith("no drift");
        lines[2].ShouldStartWith("2026-03-01T12:10:00Z  realized.accuracy");
        lines[2].ShouldContain("23.24 %");
        lines[2].ShouldEndWith("drift (Critical)");
    }

    [Fact]
    public async Task Concept_WithARangeOrOnlyDrifted_ListsThoseChecks_AndExitsZeroWhenTheLatestListedIsClean()
    {
        var store = await WriteStoreAsync(Check(0, drifted: true), Check(10, drifted: false));

        var early = await _cli.RunAsync("concept", "--store", store, "--model", "fraud", "--to", "2026-03-01T12:05:00Z");
        var clean = await _cli.RunAsync("concept", "--store", store, "--model", "fraud");
        var drifted = await _cli.RunAsync("concept", "--store", store, "--model", "fraud", "--drifted", "--from", "2026-03-01T12:05:00Z");

        early.ExitCode.ShouldBe(1, early.Error);
        early.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(2);
        clean.ExitCode.ShouldBe(0, clean.Error);
        drifted.ExitCode.ShouldBe(0, drifted.Error);
        drifted.Output.ShouldContain("No concept drift checks of model 'fraud'");
    }

    [Fact]
    public async Task Concept_WithAMissingStoreOrABadTime_ExitsTwoNamingTheOption_AndCreatesNoFile()
    {
        var missing = Path.Combine(_cli.Directory, "missing.db");
        var store = await WriteStoreAsync(Check(0, drifted: false));

        var noFile = await _cli.RunAsync("concept", "--store", missing, "--model", "fraud");
        var badTime = await _cli.RunAsync("concept", "--store", store, "--model", "fraud", "--from", "yesterday");

        noFile.ExitCode.ShouldBe(2);
        noFile.Error.ShouldContain($"modelmon: Option '--store': the file '{missing}' does not exist.");
        File.Exists(missing).ShouldBeFalse();
        badTime.ExitCode.ShouldBe(2);
        badTime.Error.ShouldContain("Option '--from': 'yesterday' is not a time");
    }

    private static ConceptDriftCheck Check(int minute, bool drifted) => new()
    {
        Model = "fraud",
        Metric = "realized.accuracy",
        CheckedAt = Noon.AddMinutes(minute),
        ReferenceFrom = Noon.AddMinutes(minute - 30),
        ReferenceTo = Noon.AddMinutes(minute - 6),
        CurrentFrom = Noon.AddMinutes(minute - 6),
        CurrentTo = Noon.AddMinutes(minute),
        ReferenceMean = 0.925,
        ReferenceCount = 24,
        CurrentMean = drifted ? 0.71 : 0.92,
        CurrentCount = 6,
        TStatistic = drifted ? 7.98 : 0.2,
        DegreesOfFreedom = 6.5,
        PValue = drifted ? 0.0001 : 0.42,
        DegradationPercent = drifted ? 23.243243 : 0.54,
        Drifted = drifted,
        Severity = drifted ? AlertSeverity.Critical : null,
    };

    private async Task<string> WriteStoreAsync(params ConceptDriftCheck[] checks)
    {
        var path = Path.Combine(_cli.Directory, "monitoring.db");
        var services = new ServiceCollection();
        services.AddModelMonitoring().UseSqlite(path);
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IConceptDriftStore>();
        foreach (var check in checks)
        {
            await store.SaveConceptDriftCheckAsync(check);
        }

        return path;
    }
}
