using System.Collections.Concurrent;
using System.Diagnostics;

namespace ModelMonitoring.Extensibility.Tests.Packaging;

/// <summary>Runs the .NET CLI as a child process, as a user would, with its output collected line by line.</summary>
internal sealed class DotnetProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly SemaphoreSlim _lineArrived = new(0);

    private DotnetProcess(Process process) => _process = process;

    public IReadOnlyList<string> Lines => [.. _lines];

    public int ExitCode => _process.ExitCode;

    public static DotnetProcess Start(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host runs under MSBuild's environment; a child build must find its own SDK and settings.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        // inotify instances are a per-user limit that parallel builds exhaust; polling always works.
        start.Environment["DOTNET_USE_POLLING_FILE_WATCHER"] = "true";
        var process = new Process { StartInfo = start };
        var result = new DotnetProcess(process);
        process.OutputDataReceived += (_, e) => result.Add(e.Data);
        process.ErrorDataReceived += (_, e) => result.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary>Runs a CLI command to its end and fails the test, showing its output, unless it succeeds.</summary>
    public static async Task RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        using var process = Start(workingDirectory, arguments);
        process.CloseInput();
        await process.WaitForExitAsync(timeout);
        process.ExitCode.ShouldBe(0, $"dotnet {string.Join(' ', arguments)} failed:{Environment.NewLine}{string.Join(Environment.NewLine, process.Lines)}");
    }

    /// <summary>Waits for an output line containing <paramref name="text"/>; returns it.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            if (_lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }

            if (_process.HasExited && _lineArrived.CurrentCount == 0)
            {
                throw new ShouldAssertException($"The process ended without printing '{text}':{Environment.NewLine}{string.Join(Environment.NewLine, Lines)}");
            }

            try
            {
                await _lineArrived.WaitAsync(TimeSpan.FromMilliseconds(200), cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new ShouldAssertException($"No line with '{text}' within {timeout}:{Environment.NewLine}{string.Join(Environment.NewLine, Lines)}");
            }
        }
    }

    public void CloseInput() => _process.StandardInput.Close();

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new ShouldAssertException($"The process did not end within {timeout}:{Environment.NewLine}{string.Join(Environment.NewLine, Lines)}");
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        _lineArrived.Dispose();
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
            _lineArrived.Release();
        }
    }
}
