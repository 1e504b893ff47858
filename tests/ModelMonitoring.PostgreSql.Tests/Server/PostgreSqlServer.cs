using Npgsql;

namespace ModelMonitoring.PostgreSql.Tests.Server;

/// <summary>
/// The PostgreSQL server the tests run against, shared by every test of the assembly (a collection
/// fixture), with one database of its own that is dropped at the end.
/// </summary>
/// <remarks>
/// The server is the one named by the environment variable <see cref="EnvironmentVariable"/> (an Npgsql
/// connection string to a database in which the tests may create databases; CI sets it), or else a
/// throwaway server started from the installed binaries (<see cref="ThrowawayServer"/>) and stopped at
/// the end. When neither works every test fails with a message saying how to fix it: a storage
/// provider whose tests are skipped silently is a provider nobody tested.
/// </remarks>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    /// <summary>The one environment variable that points the tests at a server.</summary>
    public const string EnvironmentVariable = "MODELMONITORING_POSTGRES";

    private static int s_schemaCounter;
    private ThrowawayServer? _throwaway;
    private string? _adminConnectionString;
    private string? _databaseName;

    /// <summary>Gets the connection string of the tests' own database.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>Gets a data source on the tests' own database.</summary>
    public NpgsqlDataSource DataSource { get; private set; } = null!;

    private bool Created => _databaseName is not null;

    public async Task InitializeAsync()
    {
        _adminConnectionString = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(_adminConnectionString))
        {
            _throwaway = ThrowawayServer.Start();
            _adminConnectionString = _throwaway.ConnectionString;
        }

        var name = $"mm_tests_{Environment.ProcessId}_{Guid.NewGuid():N}"[..40];
        await using (var admin = await OpenAdminAsync(_adminConnectionString).ConfigureAwait(false))
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8';", admin);
            await create.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        _databaseName = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name }.ToString();
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    /// <summary>Returns a schema name no test used before: each test's store lives in a fresh, empty schema.</summary>
    public static string NewSchemaName() => $"t{Interlocked.Increment(ref s_schemaCounter)}_{Guid.NewGuid():N}"[..24];

    public async Task<object?> ScalarAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        var value = await command.ExecuteScalarAsync().ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async Task DisposeAsync()
    {
        if (DataSource is not null)
        {
            await DataSource.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            // A throwaway server is deleted whole; on a given server, only a database the tests created is dropped.
            if (Created && _adminConnectionString is not null && _throwaway is null)
            {
                NpgsqlConnection.ClearAllPools();
                await using var admin = await OpenAdminAsync(_adminConnectionString).ConfigureAwait(false);
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_databaseName} WITH (FORCE);", admin);
                await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _throwaway?.Dispose();
        }
    }

    private static async Task<NpgsqlConnection> OpenAdminAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync().ConfigureAwait(false);
            return connection;
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException or TimeoutException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException(
                $"The PostgreSQL tests could not connect to the server of {EnvironmentVariable} ({Describe(connectionString)}): {ex.Message} "
                + $"Set {EnvironmentVariable} to an Npgsql connection string of a server where the tests may create a database "
                + "(for example 'Host=127.0.0.1;Port=5432;Username=postgres;Password=...;Database=postgres'), or unset it to let the "
                + "tests start a throwaway server from the installed PostgreSQL binaries (apt-get install postgresql).",
                ex);
        }
    }

    private static string Describe(string connectionString)
    {
        // Everything but the password, which must never reach a log.
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Password = null };
            return builder.ToString();
        }
        catch (ArgumentException)
        {
            return "an unreadable connection string";
        }
    }
}
