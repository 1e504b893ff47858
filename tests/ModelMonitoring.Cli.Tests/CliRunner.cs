using System.Diagnostics;

namespace ModelMonitoring.Cli.Tests;

/// <summary>Runs the installed <c>modelmon</c> tool (<see cref="ModelmonTool"/>) as a child process, in a temporary folder of CSV files.</summary>
public sealed class CliRunner : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    public CliRunner()
    {
        Directory = Path.Combine(Path.GetTempPath(), "modelmon-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    /// <summary>Writes a file in the temporary folder and returns its path.</summary>
    public string Write(string name, string content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    public async Task<CliResult> RunAsync(params string[] args) => await RunFileAsync(await ModelmonTool.CommandAsync(), args);

    /// <summary>Runs another executable, such as <c>dotnet</c> on one of the package's assets.</summary>
    public async Task<CliResult> RunFileAsync(string file, params string[] args)
    {
        var start = ModelmonTool.Start(file, Directory, args);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(Timeout);
        await process.WaitForExitAsync(cancel.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
