using System.Globalization;
using System.Text.RegularExpressions;
using FraudDetection;
using Microsoft.Data.Sqlite;
using ModelMonitoring.Alerting;
using ModelMonitoring.Drift;
using ModelMonitoring.Recording;
using ModelMonitoring.Sqlite.Internal;
using ModelMonitoring.Sqlite.Internal.Codecs;
using ModelMonitoring.Sqlite.Internal.Schema;
using ModelMonitoring.Storage;
using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.Sqlite.Tests;

/// <summary>The SQL views and the queries documented in the README and printed by the sample, run against real files.</summary>
public sealed partial class SqlViewTests : IDisposable
{
    private static readonly ModelSchema Fraud = Schema("fraud", "1", "prod", numeric: ["amount", "age"], categorical: ["country"]);
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ReadmeHourlyMeanQuery_ReturnsTheMeanOfTheRecordedValuesPerHour()
    {
        var path = _directory.File("hourly.db");
        await WriteAsync(path, Batch(Fraud, [
            Prediction(At(10), numeric: [10, 40], categorical: ["NL"]),
            Prediction(At(1_000), numeric: [20, 41], categorical: ["DE"]),
            Prediction(At(3_599), numeric: [30, 42], categorical: [null]),
            Prediction(At(3_600), numeric: [100, 43], categorical: ["NL"]),
            Prediction(At(7_000), numeric: [300.25, 44], categorical: ["NL"]),
        ]), Batch(Schema("other", numeric: ["amount"]), [Prediction(At(20), numeric: [1e6])]));

        var rows = Query(path, ReadmeQuery("Hourly mean of a feature"));

        rows.ShouldBe([
            ["2025-03-01T12:00:00Z", 20.0, 3L],
            ["2025-03-01T13:00:00Z", 200.125, 2L],
        ]);
    }

    [Fact]
    public async Task ReadmeLabelShareQuery_ReturnsEachLabelsShareAmongTheLabelledPredictionsOfTheHour()
    {
        var path = _directory.File("labels.db");
        PredictionRecord[] predictions = [.. Enumerable.Range(0, 6).Select(i => Prediction(At(i < 5 ? i : 3_600), predictedClass: "legit", numeric: [i, 0], categorical: ["NL"]))];
        await WriteAsync(path, Batch(Fraud, predictions, labels: [
            Label(predictions[0].Id, At(100), "fraud"),
            Label(predictions[1].Id, At(100), "legit"),
            Label(predictions[2].Id, At(100), "legit"),
            Label(predictions[3].Id, At(100), "legit"),
            Label(predictions[5].Id, At(4_000), "fraud"),
        ]));

        var rows = Query(path, ReadmeQuery("Hourly share of each label"));

        rows.ShouldBe([
            ["2025-03-01T12:00:00Z", "fraud", 0.25],
            ["2025-03-01T12:00:00Z", "legit", 0.75],
            ["2025-03-01T13:00:00Z", "fraud", 1.0],
        ]);
    }

    [Fact]
    public async Task ReadmeLatencyQuery_ReturnsMillisecondsErrorRateAndAccuracyPerMinute()
    {
        var path = _directory.File("latency.db");
        var correct = Prediction(At(1), latencyMs: 10, predictedClass: "fraud", numeric: [1, 2], categorical: ["NL"]);
        var failed = Prediction(At(2), latencyMs: 30.5, status: PredictionStatus.Error, numeric: [1, 2], categorical: ["NL"]);
        var wrong = Prediction(At(61), latencyMs: 2, predictedClass: "legit", numeric: [1, 2], categorical: ["NL"]);
        await WriteAsync(path, Batch(Fraud, [correct, failed, wrong], labels: [Label(correct.Id, At(5), "fraud"), Label(failed.Id, At(5), "fraud"), Label(wrong.Id, At(65), "fraud")]));

        var rows = Query(path, ReadmeQuery("Latency, errors and accuracy per minute"));

        rows.ShouldBe([
            ["2025-03-01T12:00:00Z", 20.25, 30.5, 0.5, 1.0],
            ["2025-03-01T12:01:00Z", 2.0, 2.0, 0.0, 0.0],
        ]);
    }

    [Fact]
    public async Task ReadmeCategoryShareQuery_CountsMissingValuesAsTheirOwnCategory()
    {
        var path = _directory.File("categories.db");
        await WriteAsync(path, Batch(Fraud, [
            Prediction(At(1), numeric: [1, 2], categorical: ["NL"]),
            Prediction(At(2), numeric: [1, 2], categorical: ["NL"]),
            Prediction(At(3), numeric: [1, 2], categorical: ["Zürich \"x\""]),
            Prediction(At(4), numeric: [1, 2], categorical: [null]),
        ]));

        var rows = Query(path, ReadmeQuery("Share of each category"));

        rows.ShouldBe([
            ["2025-03-01T12:00:00Z", "(missing)", 0.25],
            ["2025-03-01T12:00:00Z", "NL", 0.5],
            ["2025-03-01T12:00:00Z", "Zürich \"x\"", 0.25],
        ]);
    }

    [Fact]
    public async Task ReadmeAlertAndDriftQueries_ShowEnumsByNameAndTheDriftedFeatures()
    {
        var path = _directory.File("alerts.db");
        await using (var store = new SqliteMonitoringStore(new SqliteStorageOptions { Path = path }, loggerFactory: null))
        {
            await store.SaveAlertAsync(Alert(Fraud, "threshold.accuracy", At(10), AlertSeverity.Critical) with { Value = 0.8, Threshold = 0.9 });
            await store.SaveAlertAsync(Alert(Fraud, "threshold.latency", At(5), AlertSeverity.Warning, AlertState.Resolved));
            await store.WriteAsync(Batch(Fraud, driftChecks: [DriftCheck(Fraud, At(20), drifted: true, features: [Feature("amount", drifted: true, statistic: 0.3), Feature("age", drifted: false)])]), CancellationToken.None);
        }

        var alerts = Query(path, ReadmeQuery("Alerts not yet resolved"));
        var drifted = Query(path, ReadmeQuery("Features that drifted"));

        alerts.ShouldBe([["2025-03-01T12:00:10.000Z", "threshold.accuracy", "Critical", "Firing", "threshold.accuracy crossed its limit", 0.8, 0.9]]);
        drifted.ShouldBe([["2025-03-01T12:00:20.000Z", "amount", DriftMethods.Wasserstein, 0.3, 0.1]]);
    }

    [Fact]
    public void Readme_HasOnlyQueriesThatTheseTestsRun()
    {
        ReadmeQueries().Select(q => q.Title).ShouldBe([
            "Hourly mean of a feature",
            "Hourly share of each label, among the predictions of that hour that have one",
            "Latency, errors and accuracy per minute",
            "Share of each category of a categorical feature per hour",
            "Alerts not yet resolved, newest first",
            "Features that drifted, per drift check",
        ]);
    }

    [Fact]
    public async Task Views_ShowEveryEnumValueByItsName()
    {
        var path = _directory.File("enums.db");
        await using (var store = new SqliteMonitoringStore(new SqliteStorageOptions { Path = path }, loggerFactory: null))
        {
            await store.WriteAsync(Batch(
                Fraud,
                [.. Enum.GetValues<PredictionStatus>().Select((s, i) => Prediction(At(i), status: s, numeric: [1, 2], categorical: ["NL"]))],
                healthChecks: [.. Enum.GetValues<ModelHealthStatus>().Select((s, i) => new HealthCheckRecord { Timestamp = At(i), Status = s, Score = 0.5 })],
                driftChecks: [.. Enum.GetValues<DriftSeverity>().Select((s, i) => DriftCheck(Fraud, At(i)) with
                {
                    Recommendation = s,
                    Features = [.. Enum.GetValues<FeatureKind>().Select(k => Feature("amount", drifted: false) with { Kind = k })],
                })]), CancellationToken.None);
            foreach (var severity in Enum.GetValues<AlertSeverity>())
            {
                foreach (var state in Enum.GetValues<AlertState>())
                {
                    await store.SaveAlertAsync(Alert(Fraud, $"a-{severity}-{state}", At(1), severity, state));
                }
            }
        }

        Column(path, "SELECT status FROM v_predictions ORDER BY ts").ShouldBe(Enum.GetNames<PredictionStatus>());
        Column(path, "SELECT status FROM v_health_checks ORDER BY ts").ShouldBe(Enum.GetNames<ModelHealthStatus>());
        Column(path, "SELECT recommendation FROM v_drift_checks ORDER BY ts").ShouldBe(Enum.GetNames<DriftSeverity>());
        Column(path, "SELECT DISTINCT kind FROM v_drift_features").ShouldBe(Enum.GetNames<FeatureKind>(), ignoreOrder: true);
        Column(path, "SELECT DISTINCT severity FROM v_alerts").ShouldBe(Enum.GetNames<AlertSeverity>(), ignoreOrder: true);
        Column(path, "SELECT DISTINCT state FROM v_alerts").ShouldBe(Enum.GetNames<AlertState>(), ignoreOrder: true);
    }

    [Fact]
    public async Task PredictionView_ShowsLatencyInMillisecondsTimesAsIsoAndUnixMillisecondsAndTheIdAsItPrints()
    {
        var path = _directory.File("times.db");
        var prediction = Prediction(At(1.25), latencyMs: 12.5, numeric: [0.1, 2], categorical: ["NL"]);
        await WriteAsync(path, Batch(Fraud, [prediction]));

        var row = Query(path, "SELECT time, unix_ms, ts, latency_ms, prediction_id FROM v_predictions").ShouldHaveSingleItem();

        row.ShouldBe(["2025-03-01T12:00:01.250Z", At(1.25).ToUnixTimeMilliseconds(), At(1.25).ToUnixTimeMilliseconds() * 1000, 12.5, prediction.Id.ToString()]);
    }

    [Fact]
    public async Task FeatureStatistics_CountARepeatedIdOnce_AndARolledBackBatchNotAtAll()
    {
        var path = _directory.File("duplicates.db");
        var first = Prediction(At(1), numeric: [10, 1], categorical: ["NL"]);
        PredictionRecord[] many = [.. Enumerable.Range(0, 40).Select(i => Prediction(At(2 + i), numeric: [i, 1], categorical: [i % 2 == 0 ? "DE" : null]))];
        await using (var store = new SqliteMonitoringStore(new SqliteStorageOptions { Path = path }, loggerFactory: null))
        {
            await store.WriteAsync(Batch(Fraud, [first]), CancellationToken.None);

            // 42 rows: a 32-row statement holding the stored id and a repeat of a new one, then 10 single rows.
            (await store.WriteAsync(Batch(Fraud, [many[0], first, .. many[1..20], many[5], .. many[20..]]), CancellationToken.None)).DuplicatePredictions.ShouldBe(2);
            await Should.ThrowAsync<ArgumentException>(async () => await store.WriteAsync(Batch(Fraud, [Prediction(At(3), numeric: [1000, 1], categorical: ["NL"]), Prediction(At(3), numeric: [1])]), CancellationToken.None));
        }

        Query(path, "SELECT count, mean, minimum, maximum FROM v_feature_stats WHERE feature = 'amount'").ShouldBe([[41L, (10 + Enumerable.Range(0, 40).Sum()) / 41.0, 0.0, 39.0]]);
        Query(path, "SELECT category, count FROM v_category_counts ORDER BY category").ShouldBe([[null, 20L], ["DE", 20L], ["NL", 1L]]);
    }

    [Fact]
    public async Task FeatureStatistics_LeaveMissingValuesOut()
    {
        var path = _directory.File("missing.db");
        await WriteAsync(path, Batch(Fraud, [Prediction(At(1), numeric: [double.NaN, 1], categorical: [null]), Prediction(At(2), numeric: [4, double.NaN], categorical: ["NL"]), Prediction(At(3), numeric: [8, 3], categorical: ["NL"])]));

        Query(path, "SELECT feature, count, mean, minimum, maximum FROM v_feature_stats ORDER BY feature").ShouldBe([["age", 2L, 2.0, 1.0, 3.0], ["amount", 2L, 6.0, 4.0, 8.0]]);
        Query(path, "SELECT category, count FROM v_category_counts ORDER BY category").ShouldBe([[null, 1L], ["NL", 2L]]);
    }

    [Fact]
    public async Task FeatureStatistics_MeanOverMinutes_EqualsTheMeanOfTheRecordedValues()
    {
        var path = _directory.File("minutes.db");
        var random = new Random(7);
        double[] amounts = [.. Enumerable.Range(0, 500).Select(_ => Math.Exp(3 + random.NextDouble()))];
        await WriteAsync(path, Batch(Fraud, [.. amounts.Select((a, i) => Prediction(At(i * 7.3), numeric: [a, 1], categorical: ["NL"]))]));

        var mean = Convert.ToDouble(Query(path, "SELECT sum(total) / sum(count) FROM v_feature_stats WHERE feature = 'amount'").ShouldHaveSingleItem()[0], CultureInfo.InvariantCulture);
        var minutes = Query(path, "SELECT count(*) FROM v_feature_stats WHERE feature = 'amount'").ShouldHaveSingleItem()[0];

        mean.ShouldBe(amounts.Average(), 1e-9);
        minutes.ShouldBe((long)Math.Ceiling(499 * 7.3 / 60));
    }

    [Fact]
    public async Task SampleQueries_RunAgainstAFileTheSamplesPipelineWrote_ReturnTheRecordedMeansAndShares()
    {
        var path = _directory.File("monitoring.db");
        var start = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        await using (var pipeline = MonitoringPipeline.Create(b => b
            .Configure(o => o.AddModel("fraud", m => m.NumericFeatures("amount", "age", "account_age_days", "tx_last_hour").CategoricalFeatures("country")).MaxLateness = TimeSpan.FromDays(36_500))
            .UseSqlite(path)))
        {
            var monitor = pipeline.GetMonitor("fraud");
            for (var i = 0; i < 8; i++)
            {
                // Second 0: amounts 0, 10, 20, 30; second 1: 40, 50, 60, 70. Predictions 0-2 and 4 are labelled, 0 and 4 as fraud; all are predicted legit.
                var id = monitor.RecordPrediction(new Prediction
                {
                    Timestamp = start.AddMilliseconds(250 * i),
                    NumericFeatures = [i * 10, 40, 700, 1],
                    CategoricalFeatures = ["NL"],
                    Latency = TimeSpan.FromMilliseconds(i + 1),
                    PredictedClass = "legit",
                });
                if (i is < 3 or 4)
                {
                    monitor.RecordGroundTruth(id, i % 4 == 0 ? "fraud" : "legit").ShouldBeTrue();
                }
            }

            (await pipeline.FlushAsync()).ShouldBeTrue();
        }

        var seconds = Query(path, SqlExamples.PerSecond);
        var features = Query(path, SqlExamples.FeaturesPerMinute);

        seconds.ShouldBe([["12:00:00", 4L, 0.0, 2.5, 3L, 0.333, 0.667], ["12:00:01", 4L, 0.0, 6.5, 1L, 1.0, 0.0]]);
        features.ShouldBe([
            ["2026-01-01T12:00:00Z", "account_age_days", 8L, 700.0, 700.0, 700.0],
            ["2026-01-01T12:00:00Z", "age", 8L, 40.0, 40.0, 40.0],
            ["2026-01-01T12:00:00Z", "amount", 8L, 35.0, 0.0, 70.0],
            ["2026-01-01T12:00:00Z", "tx_last_hour", 8L, 1.0, 1.0, 1.0],
        ]);
    }

    [Fact]
    public async Task Version4Database_IsUpgradedToVersion5_WithItsPredictionsInTheFeatureStatisticsAndViews()
    {
        var path = _directory.File("v4.db");
        var id = NewId();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var connection = SqliteTestDatabase.Open(path))
        {
            SchemaMigrator.Migrate(connection, [.. Migrations.All.Where(m => m.Version <= 4)], path).ShouldBe((0, 4));
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO models (id, name, version, environment, numeric_features, categorical_features) VALUES (7, 'legacy', '1', 'prod', $numericNames, $categoricalNames);
                INSERT INTO predictions (model_id, ts, prediction_id, latency_ticks, status, numeric_features, categorical_features) VALUES (7, $ts, $id, 20000, 0, $numeric, $categorical);
                INSERT INTO predictions (model_id, ts, prediction_id, latency_ticks, status) VALUES (7, $ts, $otherId, 30000, 1);
                """;
            insert.Parameters.AddWithValue("$numericNames", StringListCodec.WriteStrings(["amount", "age"], buffer).ToArray());
            insert.Parameters.AddWithValue("$categoricalNames", StringListCodec.WriteStrings(["country"], buffer).ToArray());
            insert.Parameters.AddWithValue("$ts", (At(1) - DateTimeOffset.UnixEpoch).Ticks / 10);
            insert.Parameters.AddWithValue("$id", Bytes(id));
            insert.Parameters.AddWithValue("$otherId", Bytes(NewId()));
            insert.Parameters.AddWithValue("$numeric", NumericCodec.Write([12.5, 40], buffer).ToArray());
            insert.Parameters.AddWithValue("$categorical", StringListCodec.WriteStrings(["NL"], buffer).ToArray());
            insert.ExecuteNonQuery();
        }

        await using (var store = new SqliteMonitoringStore(new SqliteStorageOptions { Path = path }, loggerFactory: null))
        {
            var stored = await store.GetPredictionsAsync("legacy", At(0), At(2));
            stored.Count.ShouldBe(2);
            stored.Single(p => p.Id == id).NumericFeatures.ToArray().ShouldBe([12.5, 40]);
            stored.Single(p => p.Id == id).CategoricalFeatures.ToArray().ShouldBe(["NL"]);
            stored.Single(p => p.Id != id).NumericFeatures.IsEmpty.ShouldBeTrue();
        }

        SqliteTestDatabase.Count(path, "PRAGMA user_version;").ShouldBe(Migrations.LatestVersion);
        Query(path, "SELECT time, feature, count, mean FROM v_feature_stats ORDER BY feature").ShouldBe([["2025-03-01T12:00:00Z", "age", 1L, 40.0], ["2025-03-01T12:00:00Z", "amount", 1L, 12.5]]);
        Query(path, "SELECT feature, category, count FROM v_category_counts").ShouldBe([["country", "NL", 1L]]);
        Query(path, "SELECT latency_ms, status FROM v_predictions ORDER BY latency_ms").ShouldBe([[2.0, "Success"], [3.0, "Error"]]);
    }

    [Fact]
    public async Task AlertsView_ShowsMetadataAsAJsonObjectInOrder_ExpiryAndOccurrences()
    {
        var path = _directory.File("app-alerts.db");
        await using (var store = new SqliteMonitoringStore(new SqliteStorageOptions { Path = path }, loggerFactory: null))
        {
            await store.SaveAlertAsync(Alert(Fraud, "model_failure", At(10), AlertSeverity.Critical) with
            {
                Metadata = new Dictionary<string, string> { ["path"] = "/models/fraud.onnx", ["error"] = "not \"found\"" },
                ExpiresAt = At(70),
                Occurrences = 2,
            });
            await store.SaveAlertAsync(Alert(Fraud, "threshold.accuracy", At(20)));
        }

        Query(path, "SELECT name, metadata, expires_time, expires_unix_ms, occurrences FROM v_alerts ORDER BY started_unix_ms").ShouldBe([
            ["model_failure", "{\"path\":\"/models/fraud.onnx\",\"error\":\"not \\\"found\\\"\"}", "2025-03-01T12:01:10.000Z", 1_740_830_470_000L, 2L],
            ["threshold.accuracy", "{}", null, null, 1L],
        ]);
        Query(path, "SELECT m.key, m.value FROM v_alerts a, json_each(a.metadata) m WHERE a.name = 'model_failure'").ShouldBe([["path", "/models/fraud.onnx"], ["error", "not \"found\""]]);
    }

    [Fact]
    public async Task Version5Database_IsUpgradedToTheLatestVersion_AndItsAlertsReadBackWithNoMetadataAndOneOccurrence()
    {
        var path = _directory.File("v5.db");
        using (var connection = SqliteTestDatabase.Open(path))
        {
            SchemaMigrator.Migrate(connection, [.. Migrations.All.Where(m => m.Version <= 5)], path).ShouldBe((0, 5));
            SqliteTestDatabase.Execute(connection, $"""
                INSERT INTO alerts (id, model, version, environment, name, severity, state, message, ts, started_at, notification_count, suppressed_count, escalation_level)
                VALUES ('old', 'fraud', '1', 'prod', 'threshold.error_rate', 1, 0, 'old alert', {(At(1) - DateTimeOffset.UnixEpoch).Ticks / 10}, {(At(1) - DateTimeOffset.UnixEpoch).Ticks / 10}, 1, 0, 0);
                """);
        }

        await using (var store = new SqliteMonitoringStore(new SqliteStorageOptions { Path = path }, loggerFactory: null))
        {
            var alert = (await store.GetActiveAlertsAsync(AlertQuery.All)).ShouldHaveSingleItem();
            alert.Message.ShouldBe("old alert");
            alert.Metadata.ShouldBeEmpty();
            alert.ExpiresAt.ShouldBeNull();
            alert.Channels.ShouldBeEmpty();
            alert.Occurrences.ShouldBe(1);
        }

        SqliteTestDatabase.Count(path, "PRAGMA user_version;").ShouldBe(Migrations.LatestVersion);
        Query(path, "SELECT name, state, metadata, occurrences FROM v_alerts").ShouldBe([["threshold.error_rate", "Firing", "{}", 1L]]);
    }

    internal static object?[][] Query(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return [.. rows];
    }

    private static byte[] Bytes(PredictionId id)
    {
        var bytes = new byte[PredictionId.ByteCount];
        id.WriteBytes(bytes);
        return bytes;
    }

    private static string[] Column(string path, string sql) => [.. Query(path, sql).Select(r => (string)r[0]!)];

    private static async Task WriteAsync(string path, params MonitoringBatch[] batches)
    {
        await using var store = new SqliteMonitoringStore(new SqliteStorageOptions { Path = path }, loggerFactory: null);
        foreach (var batch in batches)
        {
            (await store.WriteAsync(batch, CancellationToken.None)).ShouldBe(SinkWriteResult.AllKept);
        }
    }

    private static string ReadmeQuery(string titleStart) => ReadmeQueries().Single(q => q.Title.StartsWith(titleStart, StringComparison.Ordinal)).Sql;

    private static IEnumerable<(string Title, string Sql)> ReadmeQueries() =>
        SqlBlock().Matches(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Documented", "README.md")))
            .Select(m => (m.Groups["title"].Value.Trim(), m.Groups["sql"].Value));

    [GeneratedRegex(@"```sql\n(?<sql>-- (?<title>[^\n]*)\n.*?)```", RegexOptions.Singleline)]
    private static partial Regex SqlBlock();
}
