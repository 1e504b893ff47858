using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ModelMonitoring.PostgreSql.Tests.Server;

/// <summary>
/// A PostgreSQL server started from the installed binaries (<c>/usr/lib/postgresql/*/bin</c>, the newest
/// version) in a temporary data directory, listening on 127.0.0.1 on a free port with its unix socket in
/// that directory, with fsync off: a server for tests, stopped and deleted when disposed (or when the
/// test process exits).
/// </summary>
/// <remarks>
/// PostgreSQL refuses to run as root; as root the server runs as the <c>postgres</c> user
/// (<c>runuser -u postgres --</c>), which the Debian package creates, in a data directory it owns.
/// </remarks>
internal sealed class ThrowawayServer : IDisposable
{
    private const string FixHint =
        $"Either set {PostgreSqlServer.EnvironmentVariable} to an Npgsql connection string of a server where the tests may create a database, "
        + "or install the PostgreSQL server binaries (Debian/Ubuntu: apt-get install -y postgresql) so the tests start a throwaway server themselves.";

    private readonly string _bin;
    private readonly string _directory;
    private readonly bool _asPostgresUser;
    private int _stopped;

    private ThrowawayServer(string bin, string directory, bool asPostgresUser, int port)
    {
        _bin = bin;
        _directory = directory;
        _asPostgresUser = asPostgresUser;
        ConnectionString = string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=30");
    }

    public string ConnectionString { get; }

    public static ThrowawayServer Start()
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(
            $"No PostgreSQL server for the tests: {PostgreSqlServer.EnvironmentVariable} is not set and no initdb was found under /usr/lib/postgresql/*/bin. {FixHint}");
        var asPostgresUser = Environment.UserName == "root";
        var directory = Directory.CreateTempSubdirectory("modelmonitoring-pg-").FullName;
        var server = new ThrowawayServer(bin, directory, asPostgresUser, FreePort());
        try
        {
            server.InitAndStart();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
            return server;
        }
        catch (Exception ex)
        {
            server.Dispose();
            throw new InvalidOperationException($"Starting a throwaway PostgreSQL server from {bin} failed: {ex.Message} {FixHint}", ex);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        try
        {
            if (File.Exists(Path.Combine(Data, "postmaster.pid")))
            {
                Run("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");
            }
        }
        catch (InvalidOperationException)
        {
            // Best effort: the directory is deleted either way.
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private string Data => Path.Combine(_directory, "data");

    private void InitAndStart()
    {
        if (_asPostgresUser)
        {
            RunProcess("chown", "postgres:postgres", _directory);
        }

        Run("initdb", "-D", Data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync");
        StartServer();
    }

    /// <summary>Stops the server (fast shutdown: sessions are ended) and keeps its data, so that <see cref="StartAgain"/> brings it back on the same port.</summary>
    public void Stop() => Run("pg_ctl", "-D", Data, "-m", "fast", "-w", "stop");

    /// <summary>Starts a server stopped by <see cref="Stop"/> again, with its data, on the same port.</summary>
    public void StartAgain() => StartServer();

    private void StartServer()
    {
        var port = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString).Port.ToString(CultureInfo.InvariantCulture);
        var options = $"-p {port} -c listen_addresses=127.0.0.1 -k {_directory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        Run("pg_ctl", "-D", Data, "-o", options, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60", "start");
    }

    private void Run(string tool, params string[] arguments)
    {
        var path = Path.Combine(_bin, tool);
        if (_asPostgresUser)
        {
            RunProcess("runuser", ["-u", "postgres", "--", path, .. arguments]);
        }
        else
        {
            RunProcess(path, arguments);
        }
    }

    private static void RunProcess(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"'{file}' could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {string.Join(' ', arguments)}' exited with {process.ExitCode}: {error.Trim()} {output.Result.Trim()}");
        }
    }

    private static string? FindBinaries()
    {
        const string Root = "/usr/lib/postgresql";
        if (!Directory.Exists(Root))
        {
            return null;
        }

        return Directory.GetDirectories(Root)
            .Select(d => (Directory: d, Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1))
            .Where(d => File.Exists(Path.Combine(d.Directory, "bin", "initdb")))
            .OrderByDescending(d => d.Version)
            .Select(d => Path.Combine(d.Directory, "bin"))
            .FirstOrDefault();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
