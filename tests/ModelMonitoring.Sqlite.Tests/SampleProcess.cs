using System.Diagnostics;

namespace ModelMonitoring.Sqlite.Tests;

/// <summary>Runs a sample project's build output as a process in a working directory, and returns its exit code and output.</summary>
internal static class SampleProcess
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string project, string workingDirectory, TimeSpan hangGuard)
    {
        // This assembly is in tests/ModelMonitoring.Sqlite.Tests/bin/<configuration>/<framework>/; the sample's output mirrors it.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = output.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var sample = Path.Combine(root, "samples", project, "bin", output.Parent.Name, output.Name, project + ".dll");
        File.Exists(sample).ShouldBeTrue(sample);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(sample);

        // Redirection alone must turn colours off.
        start.Environment.Remove("NO_COLOR");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        // A guard against a hung sample only, far above its run time.
        using var hang = new CancellationTokenSource(hangGuard);
        await process.WaitForExitAsync(hang.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
