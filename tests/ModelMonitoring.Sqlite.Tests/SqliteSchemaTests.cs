using ModelMonitoring.Alerting;
using ModelMonitoring.Recording;
using ModelMonitoring.Sqlite.Internal;
using ModelMonitoring.Sqlite.Internal.Codecs;
using ModelMonitoring.Sqlite.Internal.Schema;
using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.Sqlite.Tests;

public sealed class SqliteSchemaTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task NewFile_IsInWalModeAtTheLatestSchemaVersion()
    {
        var path = _directory.File("new.db");

        await using (new SqliteMonitoringStore(new SqliteStorageOptions { Path = path }, loggerFactory: null))
        {
            SqliteTestDatabase.Scalar(path, "PRAGMA journal_mode;").ShouldBe("wal");
            SqliteTestDatabase.Count(path, "PRAGMA user_version;").ShouldBe(Migrations.LatestVersion);
        }

        Migrations.All.Select(m => m.Version).ShouldBe(Enumerable.Range(1, Migrations.All.Count));
    }

    [Fact]
    public async Task Version1Database_IsUpgradedAndKeepsItsData()
    {
        var path = _directory.File("v1.db");
        var id = NewId();
        using (var connection = SqliteTestDatabase.Open(path))
        {
            SchemaMigrator.Migrate(connection, [Migrations.RecordingTables], path).ShouldBe((0, 1));
            SqliteTestDatabase.Execute(connection, $"""
                INSERT INTO models (id, name, version, environment, numeric_features, categorical_features) VALUES (7, 'legacy', '1', 'prod', x'00', x'00');
                INSERT INTO predictions (model_id, ts, prediction_id, latency_ticks, status) VALUES (7, {(At(1) - DateTimeOffset.UnixEpoch).Ticks / 10}, x'{id.ToString()}', 20000, 0);
                INSERT INTO alerts (id, model, version, environment, name, severity, state, message, metric, value, threshold, baseline, ts)
                VALUES (5, 'legacy', '1', 'prod', 'threshold.error_rate', 2, 0, 'error rate high', 'error_rate', 0.5, 0.1, NULL, {(At(1) - DateTimeOffset.UnixEpoch).Ticks / 10});
                """);
        }

        SqliteTestDatabase.Count(path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'predictions_model_ts';").ShouldBe(0);
        await using var store = new SqliteMonitoringStore(new SqliteStorageOptions { Path = path }, loggerFactory: null);

        SqliteTestDatabase.Count(path, "PRAGMA user_version;").ShouldBe(Migrations.LatestVersion);
        SqliteTestDatabase.Count(path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'predictions_model_ts';").ShouldBe(1);
        var stored = (await store.GetPredictionsAsync("legacy", At(0), At(2))).ShouldHaveSingleItem();
        stored.Id.ShouldBe(id);
        stored.Latency.ShouldBe(TimeSpan.FromMilliseconds(2));
        await store.WriteAsync(Batch(Schema("legacy", "1", "prod"), [Prediction(At(1.5))]), CancellationToken.None);
        (await store.GetPredictionSummaryAsync("legacy", At(0), At(2))).Count.ShouldBe(2);
        var alert = (await store.GetActiveAlertsAsync(AlertQuery.All)).ShouldHaveSingleItem();
        alert.Id.ShouldBe("v1-5");
        alert.Severity.ShouldBe(AlertSeverity.Critical);
        alert.StartedAt.ShouldBe(At(1));
        alert.Value.ShouldBe(0.5);
    }

    [Fact]
    public async Task Version2Database_IsUpgradedToVersion3_WithDriftTables_AndKeepsItsData()
    {
        var path = _directory.File("v2.db");
        var model = Schema("legacy", "1", "prod", numeric: ["x"]);
        using (var connection = SqliteTestDatabase.Open(path))
        {
            SchemaMigrator.Migrate(connection, [Migrations.RecordingTables, Migrations.TimeRangeIndexes], path).ShouldBe((0, 2));
            SqliteTestDatabase.Execute(connection, $"""
                INSERT INTO alerts (model, version, environment, name, severity, state, message, ts)
                VALUES ('legacy', '1', 'prod', 'threshold.error_rate', 1, 0, 'old alert', {(At(1) - DateTimeOffset.UnixEpoch).Ticks / 10});
                """);
        }

        SqliteTestDatabase.Count(path, "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('drift_checks', 'drift_features', 'reference_profiles');").ShouldBe(0);
        await using var store = new SqliteMonitoringStore(new SqliteStorageOptions { Path = path }, loggerFactory: null);

        SqliteTestDatabase.Count(path, "PRAGMA user_version;").ShouldBeGreaterThanOrEqualTo(3);
        SqliteTestDatabase.Count(path, "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('drift_checks', 'drift_features', 'reference_profiles', 'drift_checks_model_ts');").ShouldBe(4);
        (await store.GetAlertsAsync("legacy", At(0), At(2))).ShouldHaveSingleItem().Message.ShouldBe("old alert");
        await store.WriteAsync(Batch(model, driftChecks: [DriftCheck(model, At(1.5), features: [Feature("x", drifted: true)])]), CancellationToken.None);
        (await store.GetDriftHistoryAsync("legacy", At(0), At(2))).ShouldHaveSingleItem().Features.ShouldHaveSingleItem().Drifted.ShouldBeTrue();
    }

    [Fact]
    public async Task Version14Database_IsUpgradedToVersion15_KeepsItsPredictionsWithoutClassProbabilities()
    {
        var path = _directory.File("v14.db");
        var id = NewId();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var connection = SqliteTestDatabase.Open(path))
        {
            SchemaMigrator.Migrate(connection, [.. Migrations.All.Where(m => m.Version < ClassProbabilitiesColumn.Version)], path)
                .ShouldBe((0, ClassProbabilitiesColumn.Version - 1));
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO models (id, name, version, environment, numeric_features, categorical_features) VALUES (7, 'legacy', '1', 'prod', $numericNames, $categoricalNames);
                INSERT INTO predictions (model_id, ts, prediction_id, latency_ticks, status, predicted_class, numeric_features) VALUES (7, $ts, $id, 20000, 0, 'cat', $numeric);
                """;
            insert.Parameters.AddWithValue("$numericNames", StringListCodec.WriteStrings(["amount"], buffer).ToArray());
            insert.Parameters.AddWithValue("$categoricalNames", StringListCodec.WriteStrings([], buffer).ToArray());
            insert.Parameters.AddWithValue("$ts", (At(1) - DateTimeOffset.UnixEpoch).Ticks / 10);
            var idBytes = new byte[PredictionId.ByteCount];
            id.WriteBytes(idBytes);
            insert.Parameters.AddWithValue("$id", idBytes);
            insert.Parameters.AddWithValue("$numeric", NumericCodec.Write([12.5], buffer).ToArray());
            insert.ExecuteNonQuery();
        }

        await using var store = new SqliteMonitoringStore(new SqliteStorageOptions { Path = path }, loggerFactory: null);
        var scored = Prediction(At(2), predictedClass: "dog", numeric: [3], probabilities: [0.25, 0.75]);
        await store.WriteAsync(Batch(Schema("legacy", "2", "prod", numeric: ["amount"], classes: ["cat", "dog"]), [scored]), CancellationToken.None);
        var stored = await store.GetPredictionsAsync("legacy", At(0), At(3));

        SqliteTestDatabase.Count(path, "PRAGMA user_version;").ShouldBe(Migrations.LatestVersion);
        stored.Count.ShouldBe(2);
        stored[0].Id.ShouldBe(id);
        stored[0].NumericFeatures.ToArray().ShouldBe([12.5]);
        stored[0].ClassProbabilities.IsEmpty.ShouldBeTrue();
        stored[1].ClassProbabilities.ToArray().ShouldBe([0.25, 0.75]);
        SqliteTestDatabase.Count(path, "SELECT COUNT(*) FROM predictions WHERE class_probabilities IS NULL;").ShouldBe(1);
        SqliteTestDatabase.Count(path, "SELECT length(class_probabilities) FROM predictions WHERE class_probabilities IS NOT NULL;").ShouldBe(16);
    }

    [Fact]
    public async Task Version15Database_IsUpgradedToVersion16_ItsModelsReadBackWithoutClassesUntilRegisteredAgain()
    {
        var path = _directory.File("v15.db");
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var connection = SqliteTestDatabase.Open(path))
        {
            SchemaMigrator.Migrate(connection, [.. Migrations.All.Where(m => m.Version < ModelClassesColumn.Version)], path)
                .ShouldBe((0, ModelClassesColumn.Version - 1));
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO models (id, name, version, environment, numeric_features, categorical_features) VALUES (7, 'legacy', '1', 'prod', $names, $names);
                INSERT INTO predictions (model_id, ts, prediction_id, latency_ticks, status, predicted_class, class_probabilities) VALUES (7, $ts, $id, 20000, 0, 'dog', $probabilities);
                """;
            insert.Parameters.AddWithValue("$names", StringListCodec.WriteStrings([], buffer).ToArray());
            insert.Parameters.AddWithValue("$ts", (At(1) - DateTimeOffset.UnixEpoch).Ticks / 10);
            var idBytes = new byte[PredictionId.ByteCount];
            NewId().WriteBytes(idBytes);
            insert.Parameters.AddWithValue("$id", idBytes);
            insert.Parameters.AddWithValue("$probabilities", NumericCodec.Write([0.25, 0.75], buffer).ToArray());
            insert.ExecuteNonQuery();
        }

        await using var store = new SqliteMonitoringStore(new SqliteStorageOptions { Path = path }, loggerFactory: null);
        var upgraded = (await store.GetModelsAsync("legacy")).ShouldHaveSingleItem();
        var shownBeforeRegistering = SqliteTestDatabase.Scalar(path, "SELECT class_probabilities FROM v_predictions;");
        await store.WriteAsync(Batch(Schema("legacy", "1", "prod", classes: ["cat", "dog"]), [Prediction(At(2), predictedClass: "cat", probabilities: [0.5, 0.5])]), CancellationToken.None);
        var registered = (await store.GetModelsAsync("legacy")).ShouldHaveSingleItem();

        SqliteTestDatabase.Count(path, "PRAGMA user_version;").ShouldBe(Migrations.LatestVersion);
        upgraded.Classes.ShouldBeEmpty();
        shownBeforeRegistering.ShouldBe("[0.25,0.75]");
        registered.Classes.ShouldBe(["cat", "dog"]);
        SqlViewTests.Query(path, "SELECT predicted_class, class_probabilities FROM v_predictions ORDER BY ts;")
            .ShouldBe([["dog", """{"cat":0.25,"dog":0.75}"""], ["cat", """{"cat":0.5,"dog":0.5}"""]]);
    }

    [Fact]
    public async Task ReopenedStore_ReadsTheReferenceProfileAnEarlierStoreSaved()
    {
        var path = _directory.File("reference.db");
        var options = new SqliteStorageOptions { Path = path };
        var profile = ModelMonitoring.Drift.ReferenceProfile.Create(new Dictionary<string, double[]> { ["x"] = [.. Enumerable.Range(0, 1_000).Select(i => Math.Sqrt(i))] });
        await using (var first = new SqliteMonitoringStore(options, loggerFactory: null))
        {
            await new SqliteReferenceProfileStore(first).SaveAsync("kept", profile);
        }

        await using var second = new SqliteMonitoringStore(options, loggerFactory: null);
        var read = (await new SqliteReferenceProfileStore(second).GetAsync("kept")).ShouldNotBeNull();

        read.NumericFeatures.ShouldHaveSingleItem().Sample.Values.ToArray().ShouldBe(profile.NumericFeatures[0].Sample.Values.ToArray());
        SqliteTestDatabase.Count(path, "SELECT row_count FROM reference_profiles WHERE model = 'kept';").ShouldBe(1_000);
    }

    [Fact]
    public void DatabaseFromANewerVersion_FailsNamingBothVersions()
    {
        var path = _directory.File("future.db");
        using (var connection = SqliteTestDatabase.Open(path))
        {
            SqliteTestDatabase.Execute(connection, "PRAGMA user_version = 99;");
        }

        var error = Should.Throw<InvalidOperationException>(() => new SqliteMonitoringStore(new SqliteStorageOptions { Path = path }, loggerFactory: null));

        error.Message.ShouldContain("schema version 99");
        error.Message.ShouldContain($"up to {Migrations.LatestVersion}");
        error.Message.ShouldContain("upgrade the package");
        SqliteTestDatabase.Count(path, "PRAGMA user_version;").ShouldBe(99);
    }

    [Fact]
    public async Task ReopenedStore_ReadsWhatAnEarlierStoreWrote()
    {
        var path = _directory.File("reopen.db");
        var options = new SqliteStorageOptions { Path = path, SynchronousMode = SqliteSynchronousMode.Full };
        await using (var first = new SqliteMonitoringStore(options, loggerFactory: null))
        {
            await first.WriteAsync(Batch(Schema("kept"), [Prediction(At(1)), Prediction(At(2))]), CancellationToken.None);
        }

        await using var second = new SqliteMonitoringStore(options, loggerFactory: null);

        (await second.GetPredictionSummaryAsync("kept", At(0), At(3))).Count.ShouldBe(2);
    }

    [Fact]
    public async Task DisposedStore_RejectsWritesAndReads()
    {
        var store = new SqliteMonitoringStore(new SqliteStorageOptions { Path = _directory.File("disposed.db") }, loggerFactory: null);
        await store.DisposeAsync();
        store.Dispose();

        await Should.ThrowAsync<ObjectDisposedException>(async () => await store.WriteAsync(Batch(Schema("m"), [Prediction(At(1))]), CancellationToken.None));
        await Should.ThrowAsync<ObjectDisposedException>(() => store.GetPredictionSummaryAsync("m", At(0), At(1)));
    }

    public void Dispose() => _directory.Dispose();
}
