using System.Diagnostics;

namespace ModelMonitoring.Sqlite.Tests.Processes;

/// <summary>A <see cref="CrashWriter"/> running in a child process; the test waits on its output lines, never on a timer.</summary>
internal sealed class CrashWriterProcess : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly List<string> _committed = [];

    private CrashWriterProcess(Process process) => _process = process;

    /// <summary>Gets the segments of the batches the child reported committed.</summary>
    public IReadOnlyList<string> Committed => _committed;

    public static CrashWriterProcess Start(string path, string tag)
    {
        var assembly = typeof(CrashWriter).Assembly.Location;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "exec", assembly, CrashWriter.Command, path, tag })
        {
            start.ArgumentList.Add(argument);
        }

        return new CrashWriterProcess(Process.Start(start) ?? throw new InvalidOperationException("The crash writer did not start."));
    }

    /// <summary>Waits until the child has reported <paramref name="count"/> more commits.</summary>
    public async Task WaitForCommitsAsync(int count)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var target = _committed.Count + count;
        try
        {
            while (_committed.Count < target)
            {
                var line = await _process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException($"The crash writer exited early: {await _process.StandardError.ReadToEndAsync()}");
                Record(line);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The crash writer reported {_committed.Count} of {target} commits within {Timeout}.");
        }
    }

    /// <summary>Kills the child (it is always mid-write or about to be) and collects the commits it reported before dying.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        using var timeout = new CancellationTokenSource(Timeout);
        await _process.WaitForExitAsync(timeout.Token);
        while (await _process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            Record(line);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Record(string line)
    {
        if (line.StartsWith(CrashWriter.CommittedPrefix, StringComparison.Ordinal))
        {
            _committed.Add(line[CrashWriter.CommittedPrefix.Length..]);
        }
    }
}
