using ModelMonitoring.PostgreSql.Internal;
using ModelMonitoring.PostgreSql.Internal.Schema;
using ModelMonitoring.PostgreSql.Tests.Server;

namespace ModelMonitoring.PostgreSql.Tests;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlSchemaTests(PostgreSqlServer server)
{
    [Fact]
    public async Task NewSchema_RecordsEveryMigrationOnce_WithItsDescriptionAndTime()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        await using var store = Store(schema);

        await store.OpenAsync(CancellationToken.None);

        store.FoundVersion.ShouldBe(0);
        Migrations.All.Select(m => m.Version).ShouldBe(Enumerable.Range(1, Migrations.All.Count));
        (await server.ScalarAsync($"SELECT string_agg(version || ':' || description, '|' ORDER BY version) FROM \"{schema}\".schema_version;"))
            .ShouldBe(string.Join('|', Migrations.All.Select(m => $"{m.Version}:{m.Description}")));
        (await server.ScalarAsync($"SELECT bool_and(applied_at > now() - interval '1 hour') FROM \"{schema}\".schema_version;")).ShouldBe(true);
    }

    [Fact]
    public async Task StoresStartedTogetherOnAnEmptyDatabase_ApplyEveryMigrationExactlyOnce()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        var stores = Enumerable.Range(0, 6).Select(_ => Store(schema)).ToArray();
        try
        {
            // Each store opens its own connection; the advisory lock makes them take turns.
            using var start = new ManualResetEventSlim();
            var opening = stores.Select(s => Task.Run(async () =>
            {
                start.Wait();
                await s.OpenAsync(CancellationToken.None);
            })).ToArray();
            start.Set();
            await Task.WhenAll(opening);

            stores.Count(s => s.FoundVersion == 0).ShouldBe(1);
            stores.Where(s => s.FoundVersion != 0).ShouldAllBe(s => s.FoundVersion == Migrations.LatestVersion);
            (await server.ScalarAsync($"SELECT count(*) FROM \"{schema}\".schema_version;")).ShouldBe((long)Migrations.All.Count);
            (await server.ScalarAsync($"SELECT count(DISTINCT version) FROM \"{schema}\".schema_version;")).ShouldBe((long)Migrations.All.Count);
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task SchemaOfANewerVersion_FailsWithAClearError_AndIsLeftAsItWas()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        await using (var first = Store(schema))
        {
            await first.OpenAsync(CancellationToken.None);
        }

        var newer = Migrations.LatestVersion + 1;
        await server.ExecuteAsync($"INSERT INTO \"{schema}\".schema_version (version, description) VALUES ({newer}, 'from the future');");
        await using var store = Store(schema);

        var error = await Should.ThrowAsync<InvalidOperationException>(() => store.OpenAsync(CancellationToken.None));

        error.Message.ShouldContain($"'{schema}' has schema version {newer}");
        error.Message.ShouldContain($"knows versions up to {Migrations.LatestVersion}");
        error.Message.ShouldContain("upgrade the package");
        (await server.ScalarAsync($"SELECT max(version) FROM \"{schema}\".schema_version;")).ShouldBe(newer);
    }

    [Fact]
    public async Task ReopenedSchema_AppliesNothingAndKeepsItsData()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        await using (var first = Store(schema))
        {
            await first.WriteAsync(Storage.ContractTests.TestData.Batch(Storage.ContractTests.TestData.Schema("kept"), [Storage.ContractTests.TestData.Prediction(Storage.ContractTests.TestData.At(1))]), CancellationToken.None);
        }

        await using var second = Store(schema);
        await second.OpenAsync(CancellationToken.None);

        second.FoundVersion.ShouldBe(Migrations.LatestVersion);
        (await server.ScalarAsync($"SELECT count(*) FROM \"{schema}\".v_predictions WHERE model = 'kept';")).ShouldBe(1L);
    }

    [Fact]
    public async Task Enums_AreStoredAsTheirNames_AndTheirChecksRefuseOthers()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        await using var store = Store(schema);
        await store.WriteAsync(
            Storage.ContractTests.TestData.Batch(
                Storage.ContractTests.TestData.Schema("enums"),
                [Storage.ContractTests.TestData.Prediction(Storage.ContractTests.TestData.At(1), status: Recording.PredictionStatus.Error)]),
            CancellationToken.None);

        (await server.ScalarAsync($"SELECT status FROM \"{schema}\".predictions;")).ShouldBe("Error");
        var error = await Should.ThrowAsync<Npgsql.PostgresException>(() => server.ExecuteAsync(
            $"UPDATE \"{schema}\".predictions SET status = 'Maybe';"));
        error.SqlState.ShouldBe(Npgsql.PostgresErrorCodes.CheckViolation);
    }

    private PostgreSqlMonitoringStore Store(string schema) =>
        new(new PostgreSqlStorageOptions { DataSource = server.DataSource, Schema = schema, RawPredictionRetention = null }, clock: null, loggerFactory: null);
}
