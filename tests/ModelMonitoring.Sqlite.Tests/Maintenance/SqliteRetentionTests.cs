using ModelMonitoring.Sqlite.Internal;
using ModelMonitoring.Sqlite.Internal.Codecs;
using ModelMonitoring.Storage;
using ModelMonitoring.Trends;
using Xunit.Abstractions;
using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.Sqlite.Tests.Maintenance;

public sealed class SqliteRetentionTests(ITestOutputHelper output) : IDisposable
{
    private const int Days = 60;
    private const int BatchesPerDay = 48;
    private const int PredictionsPerBatch = 40;
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task SixtyDaysOfConstantTraffic_FileStopsGrowing_ExpiredRowsGone_RollupsOutliveRawData()
    {
        var path = _directory.File("retention.db");
        var options = new SqliteStorageOptions
        {
            Path = path,
            RawPredictionRetention = TimeSpan.FromDays(20),
            WindowRetention = TimeSpan.FromDays(20),
            HourlyRollupRetention = TimeSpan.FromDays(25),
        };
        var clock = new FakeTimeProvider(Start);
        var schema = Schema("fraud", numeric: ["amount", "age"]);
        var sizes = new long[Days];
        var random = new Random(7);
        await using (var store = new SqliteMonitoringStore(options, loggerFactory: null, clock))
        {
            for (var day = 0; day < Days; day++)
            {
                for (var batch = 0; batch < BatchesPerDay; batch++)
                {
                    clock.Advance(TimeSpan.FromDays(1) / BatchesPerDay);
                    await store.WriteAsync(Traffic(schema, clock.GetUtcNow(), random), CancellationToken.None);
                }

                sizes[day] = FileSize(path);
            }

            // Act on the result as a reader would, with the store still open.
            var now = clock.GetUtcNow();
            SqliteTestDatabase.Count(path, $"SELECT COUNT(*) FROM predictions WHERE ts < {UnixMicroseconds.FromTimestamp(now.AddDays(-20))};").ShouldBe(0);
            SqliteTestDatabase.Count(path, $"SELECT COUNT(*) FROM predictions WHERE ts >= {UnixMicroseconds.FromTimestamp(now.AddDays(-19))};").ShouldBeGreaterThan(0);
            SqliteTestDatabase.Count(path, $"SELECT COUNT(*) FROM ground_truth WHERE ts < {UnixMicroseconds.FromTimestamp(now.AddDays(-20))};").ShouldBe(0);
            SqliteTestDatabase.Count(path, $"SELECT COUNT(*) FROM metrics WHERE ts < {UnixMicroseconds.FromTimestamp(now.AddDays(-20))};").ShouldBe(0);
            SqliteTestDatabase.Count(path, $"SELECT COUNT(*) FROM drift_checks WHERE ts < {UnixMicroseconds.FromTimestamp(now.AddDays(-20))};").ShouldBe(0);
            SqliteTestDatabase.Count(path, "SELECT COUNT(*) FROM drift_features WHERE check_id NOT IN (SELECT id FROM drift_checks);").ShouldBe(0);
            SqliteTestDatabase.Count(path, $"SELECT COUNT(*) FROM rollups WHERE resolution = 0 AND bucket_start < {UnixMicroseconds.FromTimestamp(now.AddDays(-25))};").ShouldBe(0);

            // Day 3 is long past the raw retention, yet its daily roll-up still answers.
            var day3 = Start.AddDays(3);
            var daily = await store.GetVolumeTrendAsync("fraud", TrendResolution.Day, day3, day3.AddDays(1));
            daily.Count.ShouldBe(1);
            daily[0].PredictionCount.ShouldBe(BatchesPerDay * PredictionsPerBatch);
            var drift = await store.GetDriftTrendAsync("fraud", TrendResolution.Day, day3, day3.AddDays(1));
            drift.Select(d => d.Feature).ShouldBe(["age", "amount"]);
            drift[0].TestCount.ShouldBe(24);
        }

        output.WriteLine($"file size (database and log) at the end of each day: {string.Join(", ", sizes)}");
        var plateau = sizes[30..40].Max();
        var late = sizes[40..60].Max();
        late.ShouldBeLessThanOrEqualTo((long)(plateau * 1.05), $"file sizes by day: {string.Join(", ", sizes)}");
        sizes[10].ShouldBeLessThan(plateau, "the file grows until the retention is reached");
    }

    private static MonitoringBatch Traffic(ModelMonitoring.ModelSchema schema, DateTimeOffset now, Random random)
    {
        var predictions = new PredictionRecord[PredictionsPerBatch];
        var labels = new GroundTruthRecord[PredictionsPerBatch / 2];
        for (var i = 0; i < predictions.Length; i++)
        {
            predictions[i] = Prediction(now.AddSeconds(-i), latencyMs: 1 + (random.NextDouble() * 50), predictedClass: i % 3 == 0 ? "fraud" : "ok", confidence: random.NextDouble(), numeric: [random.NextDouble() * 100, random.Next(18, 90)]);
            if (i % 2 == 0)
            {
                labels[i / 2] = Label(predictions[i].Id, now, actualClass: "ok");
            }
        }

        var windowStart = now.AddMinutes(-30);
        MetricRecord[] metrics =
        [
            new() { Name = "latency_p95_ms", Value = 40, Timestamp = now, WindowStart = windowStart },
            new() { Name = "error_rate", Value = 0.01, Timestamp = now, WindowStart = windowStart },
            Metric("queue_depth", random.Next(0, 10), now),
        ];
        DriftCheckRecord[] drift = now.Minute == 0
            ? [DriftCheck(schema, now, features: [Feature("amount", drifted: random.Next(2) == 0), Feature("age", drifted: false)])]
            : [];
        return new MonitoringBatch(schema, predictions, labels, metrics, driftChecks: drift);
    }

    private static long FileSize(string path) =>
        new FileInfo(path).Length + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0);

    public void Dispose() => _directory.Dispose();
}
