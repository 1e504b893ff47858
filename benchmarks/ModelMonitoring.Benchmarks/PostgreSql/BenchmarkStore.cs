using ModelMonitoring.PostgreSql;
using ModelMonitoring.PostgreSql.Internal;
using Npgsql;

namespace ModelMonitoring.Benchmarks.PostgreSql;

/// <summary>
/// What the PostgreSQL benchmarks start from: a server (<see cref="BenchmarkServer"/>), a data source on the benchmark's
/// database and the provider's store on it, opened (its schema migrated); disposed together.
/// </summary>
internal sealed class BenchmarkStore : IAsyncDisposable
{
    private BenchmarkStore(BenchmarkServer server, NpgsqlDataSource dataSource, PostgreSqlMonitoringStore store) =>
        (Server, DataSource, Store) = (server, dataSource, store);

    public BenchmarkServer Server { get; }

    public NpgsqlDataSource DataSource { get; }

    public PostgreSqlMonitoringStore Store { get; }

    public static async Task<BenchmarkStore> OpenAsync()
    {
        var server = BenchmarkServer.Start();
        var dataSource = NpgsqlDataSource.Create(server.ConnectionString);
        var store = new PostgreSqlMonitoringStore(new PostgreSqlStorageOptions { DataSource = dataSource }, TimeProvider.System, null);
        await store.OpenAsync(CancellationToken.None).ConfigureAwait(false);
        return new BenchmarkStore(server, dataSource, store);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync().ConfigureAwait(false);
        await DataSource.DisposeAsync().ConfigureAwait(false);
        Server.Dispose();
    }
}
