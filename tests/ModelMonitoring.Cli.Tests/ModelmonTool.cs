using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ModelMonitoring.Cli.Tests;

/// <summary>
/// The <c>modelmon</c> tool as users get it: the package the build put in <c>modelmon-feed</c>,
/// installed once per test run with <c>dotnet tool install --tool-path</c> from that feed alone.
/// </summary>
internal static class ModelmonTool
{
    private static readonly Lazy<Task<string>> Installed = new(InstallAsync);

    /// <summary>Gets the folder of the local feed that holds the packed tool.</summary>
    public static string Feed { get; } = Path.Combine(AppContext.BaseDirectory, "modelmon-feed");

    /// <summary>Gets the folder of the running .NET installation, for the tool's app host and for <c>dotnet</c> itself.</summary>
    public static string DotnetRoot { get; } = Environment.GetEnvironmentVariable("DOTNET_ROOT")
        ?? Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));

    /// <summary>Gets the <c>dotnet</c> executable of <see cref="DotnetRoot"/>.</summary>
    public static string Dotnet { get; } = Path.Combine(DotnetRoot, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");

    /// <summary>Gets the single package in the feed.</summary>
    public static string Package => Directory.GetFiles(Feed, "ModelMonitoring.Cli.*.nupkg").ShouldHaveSingleItem();

    /// <summary>Returns the path of the installed <c>modelmon</c> command, installing it on the first call.</summary>
    public static Task<string> CommandAsync() => Installed.Value;

    /// <summary>Starts <paramref name="file"/> with the environment the tool needs, in <paramref name="directory"/>.</summary>
    public static ProcessStartInfo Start(string file, string directory, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_ROOT"] = DotnetRoot;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    private static async Task<string> InstallAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "modelmon-tool-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(root, recursive: true);

        // Only the local feed, and a packages folder of its own: the global one may hold an older
        // package of the same version, which NuGet would install instead of this build's.
        var config = Path.Combine(root, "nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="modelmon" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        var version = Path.GetFileNameWithoutExtension(Package)["ModelMonitoring.Cli.".Length..];
        var tools = Path.Combine(root, "tools");
        var start = Start(Dotnet, root, ["tool", "install", "ModelMonitoring.Cli", "--version", version, "--tool-path", tools, "--configfile", config]);
        start.Environment["NUGET_PACKAGES"] = Path.Combine(root, "packages");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, $"dotnet tool install failed:\n{await output}\n{await error}");
        return Path.Combine(tools, OperatingSystem.IsWindows() ? "modelmon.exe" : "modelmon");
    }
}
