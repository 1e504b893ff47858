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

    [Fact]
    public async Task Version4Schema_WithAnAlert_IsUpgraded_AndTheAlertReadsBackWithNoMetadataAndOneOccurrence()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        await using (var connection = await server.DataSource.OpenConnectionAsync())
        {
            await SchemaMigrator.MigrateAsync(connection, new SqlText(schema), [.. Migrations.All.TakeWhile(m => m.Version <= 4)], CancellationToken.None);
        }

        await server.ExecuteAsync($"""
            INSERT INTO "{schema}".alerts (id, model, version, environment, name, severity, state, message, metric, value, threshold, baseline,
                updated_at, started_at, notification_count, suppressed_count, escalation_level, notified_channels)
            VALUES ('a1', 'fraud', '1.0', 'prod', 'threshold.error_rate.max', 'Warning', 'Firing', 'error rate 0.5 is above 0.1', 'error_rate', 0.5, 0.1, NULL,
                '2026-03-01T10:01:00Z', '2026-03-01T10:00:00Z', 1, 0, 0, ARRAY['logger']);
            """);
        await using var store = Store(schema);

        await store.OpenAsync(CancellationToken.None);
        var alerts = await new PostgreSqlAlertStore(store).GetActiveAlertsAsync(Alerting.AlertQuery.All);

        store.FoundVersion.ShouldBe(4);
        var alert = alerts.ShouldHaveSingleItem();
        (alert.Id, alert.Name, alert.Message, alert.Value, alert.NotificationCount).ShouldBe(("a1", "threshold.error_rate.max", "error rate 0.5 is above 0.1", (double?)0.5, 1));
        alert.StartedAt.ShouldBe(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
        alert.NotifiedChannels.ShouldBe(["logger"]);
        alert.Metadata.ShouldBeEmpty();
        alert.Occurrences.ShouldBe(1);
        alert.ExpiresAt.ShouldBeNull();
        alert.Channels.ShouldBeEmpty();
        (await new PostgreSqlAlertRuleStore(store).GetRulesAsync()).ShouldBeEmpty();
        (await server.ScalarAsync($"SELECT max(version) FROM \"{schema}\".schema_version;")).ShouldBe(Migrations.LatestVersion);
    }

    [Fact]
    public async Task Version13Schema_WithAPrediction_IsUpgraded_AndThePredictionReadsBackWithoutClassProbabilities()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        await using (var connection = await server.DataSource.OpenConnectionAsync())
        {
            await SchemaMigrator.MigrateAsync(connection, new SqlText(schema), [.. Migrations.All.TakeWhile(m => m.Version < ClassProbabilitiesColumn.Version)], CancellationToken.None);
        }

        var id = Storage.ContractTests.TestData.NewId();
        await server.ExecuteAsync($"""
            WITH model AS (
                INSERT INTO "{schema}".models (name, version, environment, numeric_features, categorical_features)
                VALUES ('legacy', '1', 'prod', ARRAY['amount'], ARRAY[]::text[]) RETURNING id
            )
            INSERT INTO "{schema}".predictions (ts, model_id, prediction_id, latency_ms, status, predicted_class, numeric_features)
            SELECT '2025-03-01T12:00:01Z', id, '{id.ToGuid()}', 2, 'Success', 'cat', ARRAY[12.5] FROM model;
            INSERT INTO "{schema}".prediction_ids (prediction_id, ts) VALUES ('{id.ToGuid()}', '2025-03-01T12:00:01Z');
            """);
        await using var store = Store(schema);

        await store.OpenAsync(CancellationToken.None);
        var scored = Storage.ContractTests.TestData.Prediction(Storage.ContractTests.TestData.At(2), predictedClass: "dog", numeric: [3], probabilities: [0.25, 0.75]);
        await store.WriteAsync(
            Storage.ContractTests.TestData.Batch(Storage.ContractTests.TestData.Schema("legacy", "2", "prod", numeric: ["amount"], classes: ["cat", "dog"]), [scored]),
            CancellationToken.None);
        var stored = await store.GetPredictionsAsync("legacy", Storage.ContractTests.TestData.At(0), Storage.ContractTests.TestData.At(3));

        store.FoundVersion.ShouldBe(ClassProbabilitiesColumn.Version - 1);
        stored.Count.ShouldBe(2);
        stored[0].Id.ShouldBe(id);
        stored[0].NumericFeatures.ToArray().ShouldBe([12.5]);
        stored[0].ClassProbabilities.IsEmpty.ShouldBeTrue();
        stored[1].ClassProbabilities.ToArray().ShouldBe([0.25, 0.75]);
        (await server.ScalarAsync($"SELECT count(*) FROM \"{schema}\".predictions WHERE class_probabilities IS NULL;")).ShouldBe(1L);
        (await server.ScalarAsync($"SELECT class_probabilities::text FROM \"{schema}\".predictions WHERE class_probabilities IS NOT NULL;")).ShouldBe("{0.25,0.75}");
        (await server.ScalarAsync($"SELECT max(version) FROM \"{schema}\".schema_version;")).ShouldBe(Migrations.LatestVersion);
    }

    [Fact]
    public async Task Version14Schema_IsUpgraded_ItsModelsReadBackWithoutClassesUntilWrittenForAgain()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        await using (var connection = await server.DataSource.OpenConnectionAsync())
        {
            await SchemaMigrator.MigrateAsync(connection, new SqlText(schema), [.. Migrations.All.TakeWhile(m => m.Version < ModelClassesColumn.Version)], CancellationToken.None);
        }

        var id = Storage.ContractTests.TestData.NewId();
        await server.ExecuteAsync($"""
            WITH model AS (
                INSERT INTO "{schema}".models (name, version, environment, numeric_features, categorical_features)
                VALUES ('legacy', '1', 'prod', ARRAY[]::text[], ARRAY[]::text[]) RETURNING id
            )
            INSERT INTO "{schema}".predictions (ts, model_id, prediction_id, latency_ms, status, predicted_class, class_probabilities)
            SELECT '2025-03-01T12:00:01Z', id, '{id.ToGuid()}', 2, 'Success', 'dog', ARRAY[0.25, 0.75] FROM model;
            INSERT INTO "{schema}".prediction_ids (prediction_id, ts) VALUES ('{id.ToGuid()}', '2025-03-01T12:00:01Z');
            """);
        await using var store = Store(schema);

        await store.OpenAsync(CancellationToken.None);
        var upgraded = (await store.GetModelsAsync("legacy")).ShouldHaveSingleItem();
        var shownBeforeWriting = await server.ScalarAsync($"SELECT class_probabilities::text FROM \"{schema}\".v_predictions;");
        await store.WriteAsync(
            Storage.ContractTests.TestData.Batch(
                Storage.ContractTests.TestData.Schema("legacy", "1", "prod", classes: ["cat", "dog"]),
                [Storage.ContractTests.TestData.Prediction(Storage.ContractTests.TestData.At(2), predictedClass: "cat", probabilities: [0.5, 0.5])]),
            CancellationToken.None);
        var written = (await store.GetModelsAsync("legacy")).ShouldHaveSingleItem();

        store.FoundVersion.ShouldBe(ModelClassesColumn.Version - 1);
        upgraded.Classes.ShouldBeEmpty();
        shownBeforeWriting.ShouldBe("[0.25,0.75]");
        written.Classes.ShouldBe(["cat", "dog"]);
        (await server.ScalarAsync($"SELECT string_agg(predicted_class || ' ' || class_probabilities::text, '|' ORDER BY time) FROM \"{schema}\".v_predictions;"))
            .ShouldBe("""dog { "cat" : 0.25, "dog" : 0.75 }|cat { "cat" : 0.5, "dog" : 0.5 }""");
        (await server.ScalarAsync($"SELECT max(version) FROM \"{schema}\".schema_version;")).ShouldBe(Migrations.LatestVersion);
    }

    private PostgreSqlMonitoringStore Store(string schema) =>
        new(new PostgreSqlStorageOptions { DataSource = server.DataSource, Schema = schema, RawPredictionRetention = null }, clock: null, loggerFactory: null);
}
