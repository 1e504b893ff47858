using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace ModelMonitoring.PostgreSql.Tests.Processes;

/// <summary>
/// One sample replica (samples/FleetReplica) running as a real process, <c>dotnet FleetReplica.dll</c>: its stdout
/// statistics lines are parsed as they come, its stderr (the logs) is kept for failure messages, closing its stdin
/// stops it gracefully, and <see cref="Kill"/> is SIGKILL.
/// </summary>
internal sealed class ReplicaProcess : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource<ReplicaReport> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ReplicaReport? _latest;

    private ReplicaProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_log)
            {
                _log.AppendLine(e.Data);
            }
        };
    }

    public string Name { get; }

    public int ProcessId => _process.Id;

    /// <summary>Gets the latest statistics line, or <see langword="null"/> before the first.</summary>
    public ReplicaReport? Latest => Volatile.Read(ref _latest);

    /// <summary>Gets the replica's logs so far (stderr).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static string ProgramPath => typeof(ReplicaProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "FleetReplicaPath").Value!;

    /// <summary>Starts a replica with the given settings (see samples/FleetReplica/ReplicaSettings.cs).</summary>
    public static ReplicaProcess Start(string name, IReadOnlyDictionary<string, string> settings)
    {
        File.Exists(ProgramPath).ShouldBeTrue($"The sample replica is built with the tests: {ProgramPath}");
        // The dotnet host that runs the tests (the CLI sets DOTNET_HOST_PATH for its children), else the one on the PATH.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ProgramPath);
        foreach (var (key, value) in settings.Append(new("Name", name)).Append(new("StopOnStdinClose", "true")))
        {
            if (key == "ConnectionString")
            {
                // Through the environment, not the command line that any user of the machine can list with its password.
                start.Environment["FLEETREPLICA_CONNECTIONSTRING"] = value;
                continue;
            }

            start.ArgumentList.Add("--" + key);
            start.ArgumentList.Add(value);
        }

        start.Environment["DOTNET_gcServer"] = "0";
        var process = new Process { StartInfo = start };
        var replica = new ReplicaProcess(name, process);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return replica;
    }

    /// <summary>Waits until a statistics line satisfies <paramref name="condition"/>.</summary>
    public Task<ReplicaReport> WaitForReportAsync(Func<ReplicaReport, bool> condition, string what) =>
        Eventually.ValueAsync(() => Task.FromResult(Latest is { } r && condition(r) ? r : null), $"{Name}: {what}", () => Log);

    /// <summary>Stops the replica gracefully (end of stdin: it stops recording, flushes and prints its final line) and returns that line.</summary>
    public async Task<ReplicaReport> StopAsync()
    {
        _process.StandardInput.Close();
        var final = await _final.Task.WaitAsync(Eventually.Timeout).ConfigureAwait(false);
        await _process.WaitForExitAsync().WaitAsync(Eventually.Timeout).ConfigureAwait(false);
        _process.ExitCode.ShouldBe(0, Log);
        return final;
    }

    /// <summary>Kills the replica with SIGKILL (no clean-up of any kind) and waits until it is gone.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            _stdoutClosed.TrySetResult();
            _final.TrySetException(new InvalidOperationException($"{Name} ended without a final statistics line. Its log:{Environment.NewLine}{Log}"));
            return;
        }

        if (!line.StartsWith('{'))
        {
            return;
        }

        var report = JsonSerializer.Deserialize<ReplicaReport>(line, Json)!;
        Volatile.Write(ref _latest, report);
        if (report.Final)
        {
            _final.TrySetResult(report);
        }
    }
}
