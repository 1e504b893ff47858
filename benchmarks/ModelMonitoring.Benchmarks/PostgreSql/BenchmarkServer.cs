using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ModelMonitoring.Benchmarks.PostgreSql;

/// <summary>
/// The PostgreSQL server of the ingestion benchmarks: the one named by <c>MODELMONITORING_POSTGRES</c> (as
/// the provider's tests use it), or else a throwaway server started from the installed binaries like the
/// tests' (<c>tests/ModelMonitoring.PostgreSql.Tests/Server/ThrowawayServer.cs</c>, which this copies in
/// short): 127.0.0.1 on a free port, a temporary data directory, fsync, synchronous_commit and
/// full_page_writes off, as the tests' (<c>.ci/run</c>'s has fsync and synchronous_commit off). Either way the benchmark gets a database of its own, dropped
/// (or deleted with the whole server) when disposed.
/// </summary>
internal sealed class BenchmarkServer : IDisposable
{
    private const string EnvironmentVariable = "MODELMONITORING_POSTGRES";
    private readonly string? _bin;
    private readonly string? _directory;
    private readonly string _admin;
    private readonly string _database;

    private BenchmarkServer(string? bin, string? directory, string admin)
    {
        _bin = bin;
        _directory = directory;
        _admin = admin;
        _database = $"mm_bench_{Environment.ProcessId}";
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = _database }.ToString();
    }

    /// <summary>Gets the connection string of the benchmark's own database.</summary>
    public string ConnectionString { get; }

    /// <summary>Gets where the server came from, for the results' header.</summary>
    public string Description => _directory is null
        ? $"{EnvironmentVariable} ({new NpgsqlConnectionStringBuilder(_admin) { Password = null }})"
        : $"throwaway server from {_bin} (fsync, synchronous_commit and full_page_writes off)";

    public static BenchmarkServer Start()
    {
        var given = Environment.GetEnvironmentVariable(EnvironmentVariable);
        BenchmarkServer server;
        if (!string.IsNullOrWhiteSpace(given))
        {
            server = new BenchmarkServer(null, null, given);
        }
        else
        {
            var bin = Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1)
                .Select(d => Path.Combine(d, "bin"))
                .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
                ?? throw new InvalidOperationException($"Set {EnvironmentVariable} or install the PostgreSQL server binaries (apt-get install postgresql).");
            var directory = Directory.CreateTempSubdirectory("modelmonitoring-bench-pg-").FullName;
            var port = FreePort();
            server = new BenchmarkServer(bin, directory, string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=30"));
            server.InitAndStart(port);
        }

        using var admin = new NpgsqlConnection(server._admin);
        admin.Open();
        using var create = new NpgsqlCommand($"DROP DATABASE IF EXISTS {server._database}; CREATE DATABASE {server._database} TEMPLATE template0 ENCODING 'UTF8';", admin);
        create.ExecuteNonQuery();
        return server;
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        if (_directory is null)
        {
            using var admin = new NpgsqlConnection(_admin);
            admin.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE);", admin);
            drop.ExecuteNonQuery();
            return;
        }

        try
        {
            Run("pg_ctl", "-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private void InitAndStart(int port)
    {
        if (Environment.UserName == "root")
        {
            RunProcess("chown", "postgres:postgres", _directory!);
        }

        var data = Path.Combine(_directory!, "data");
        Run("initdb", "-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync");
        var options = string.Create(CultureInfo.InvariantCulture, $"-p {port} -c listen_addresses=127.0.0.1 -k {_directory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        Run("pg_ctl", "-D", data, "-o", options, "-l", Path.Combine(_directory!, "server.log"), "-w", "-t", "60", "start");
    }

    private void Run(string tool, params string[] arguments)
    {
        var path = Path.Combine(_bin!, tool);
        if (Environment.UserName == "root")
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
