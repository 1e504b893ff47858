using System.Text.Json.Nodes;

namespace ModelMonitoring.Extensibility.Tests.Packaging;

/// <summary>
/// The packages as a user gets them: packed with <c>dotnet pack</c> into a local feed, restored by the app in
/// tests/ModelMonitoring.PackageConsumer (copied to a temporary directory, outside the repository's build
/// settings), which binds every setting from its appsettings.json and starts; an invalid edit of the file is
/// refused while the app runs on, and a valid one changes a threshold without a restart. Takes about a minute: two packs, one restore and build, one run.
/// </summary>
public sealed class PackageConsumerTests : IDisposable
{
    private const string Version = "0.1.0-test";
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan OutputTimeout = TimeSpan.FromMinutes(1);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "modelmonitoring-package-consumer", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task PackedPackages_BindEverythingFromAppsettings_AndAnEditedThresholdTakesEffectWithoutRestart()
    {
        // Arrange: pack, and set the app up where no repository setting reaches it.
        var repository = RepositoryRoot();
        var feed = Directory.CreateDirectory(Path.Combine(_root, "feed")).FullName;
        var app = Directory.CreateDirectory(Path.Combine(_root, "app")).FullName;
        await DotnetProcess.RunAsync(repository, CommandTimeout, "build", "src/ModelMonitoring.Sqlite", "-c", Configuration, "--disable-build-servers");
        foreach (var project in new[] { "src/ModelMonitoring", "src/ModelMonitoring.Sqlite" })
        {
            await DotnetProcess.RunAsync(repository, CommandTimeout, "pack", project, "-c", Configuration, "--no-build", "--disable-build-servers", "-o", feed, $"-p:Version={Version}");
        }

        var consumer = Path.Combine(repository, "tests", "ModelMonitoring.PackageConsumer");
        foreach (var file in Directory.EnumerateFiles(consumer))
        {
            File.Copy(file, Path.Combine(app, Path.GetFileName(file)));
        }

        WriteNuGetConfig(feed);
        await DotnetProcess.RunAsync(app, CommandTimeout, "build", "-c", "Release", "--disable-build-servers");

        // Act: start the app, then edit the latency limit in its appsettings.json.
        using var run = DotnetProcess.Start(app, Path.Combine("bin", "Release", "net10.0", "ModelMonitoring.PackageConsumer.dll"));
        (await run.WaitForLineAsync("started:", OutputTimeout)).ShouldContain("fraud (amount, age, country)");
        await run.WaitForLineAsync("recorded: 1000", OutputTimeout);
        run.Lines.ShouldNotContain(l => l.Contains("threshold.latency_p95_ms", StringComparison.Ordinal));

        // An invalid edit first (Min above Max): refused, logged, and the app carries on with the last valid limit.
        var settingsPath = Path.Combine(app, "appsettings.json");
        var settings = JsonNode.Parse(await File.ReadAllTextAsync(settingsPath))!;
        var latency = settings["ModelMonitoring"]!["Models"]!["fraud"]!["Thresholds"]!["latency_p95_ms"]!;
        latency["Max"] = 0.001;
        latency["Min"] = 5;
        await File.WriteAllTextAsync(settingsPath, settings.ToJsonString());
        (await run.WaitForLineAsync("ModelMonitoring[110]", OutputTimeout)).ShouldContain("Min (5) must not exceed Max (0.001)");
        latency.AsObject().Remove("Min");
        await File.WriteAllTextAsync(settingsPath, settings.ToJsonString());

        // Assert: the next window evaluated after the valid reload fires on the new limit.
        var alert = await run.WaitForLineAsync("alert: Firing threshold.latency_p95_ms", OutputTimeout);
        alert.ShouldContain("threshold=0.001");
        run.Lines.ShouldContain(l => l.Contains("took a configuration change", StringComparison.Ordinal));
        run.CloseInput();
        await run.WaitForExitAsync(OutputTimeout);
        run.ExitCode.ShouldBe(0);
        run.Lines.ShouldContain(l => l.StartsWith("stopped:", StringComparison.Ordinal) && l.EndsWith("reloads refused 1", StringComparison.Ordinal));
        File.Exists(Path.Combine(app, "consumer.db")).ShouldBeTrue();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory must not fail the test that used it.
        }
    }

    /// <summary>
    /// The local feed, plus the machine's own sources (NuGet merges the user's NuGet.Config in). Packages
    /// restore into a folder of the test's own, so the test version never lands in the user's package
    /// cache (where a later run would find a stale copy); everything else comes from that cache as a fallback.
    /// </summary>
    private void WriteNuGetConfig(string feed)
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
            ? packages
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(_root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(_root, "packages")}" />
              </config>
              <packageSources>
                <add key="modelmonitoring-test-feed" value="{feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="user-cache" value="{cache}" />
              </fallbackPackageFolders>
            </configuration>
            """);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ModelMonitoring.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"ModelMonitoring.sln was not found above {AppContext.BaseDirectory}.");
    }
}
