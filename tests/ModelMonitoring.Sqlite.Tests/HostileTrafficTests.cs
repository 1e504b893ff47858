using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;
using ModelMonitoring.Recording;
using ModelMonitoring.Sqlite.Internal.Codecs;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Sqlite.Tests;

/// <summary>
/// Issue 10's acceptance fuzz: several threads throw random mixes of valid and hostile records at one
/// model while a clean model is recorded beside it. Nothing may escape into the callers, the accounting
/// must balance exactly, the clean model's windows and alerts must carry on, and the store must hold
/// nothing that recording should have refused.
/// </summary>
public sealed class HostileTrafficTests : IDisposable
{
    private const int Threads = 4;
    private const int OperationsPerThread = 6_000;
    private const int CleanWindows = 4;
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task RandomHostileRecordsFromManyThreads_NeverEscape_KeepExactAccounting_AndLeaveTheCleanModelWorking()
    {
        var path = _directory.File("hostile.db");
        var clock = new FakeTimeProvider(Start);
        await using var pipeline = MonitoringPipeline.Create(builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(clock);
            builder.Configure(o =>
            {
                o.AggregationWindow = TimeSpan.FromMinutes(1);
                o.FlushInterval = TimeSpan.FromSeconds(1);

                // The fake clock jumps a minute at a time; a real SQLite write in progress must not be abandoned by a jump.
                o.SinkTimeout = TimeSpan.FromHours(1);
                o.AddModel("clean", m => m
                    .NumericFeatures("x", "y", "z", "w")
                    .CategoricalFeatures("c")
                    .CustomMetrics("success_rate")
                    .Threshold(WindowMetricNames.ErrorRate, t => t.Max = 0.5));
                o.AddModel("hostile", m => m
                    .NumericFeatures("x", "y", "z", "w")
                    .CategoricalFeatures("c")
                    .CustomMetrics("success_rate")
                    .Threshold(WindowMetricNames.LatencyP95, t => t.Max = 1_000));
            })
            .AddAlerting(a => a.Rules.Add(new AlertRule { Name = "success-low", Metric = "success_rate", Operator = "<", Value = 0.9 }))
            .UseSqlite(path);
        });

        var escaped = 0;
        var labelsAccepted = 0L;
        var workers = Enumerable.Range(0, Threads).Select(seed => Task.Factory.StartNew(
            () =>
            {
                var hostile = new HostileRecorder(pipeline, clock, seed, () => Interlocked.Increment(ref labelsAccepted));
                for (var i = 0; i < OperationsPerThread; i++)
                {
                    try
                    {
                        hostile.RecordOne();
                    }
                    catch (Exception)
                    {
                        Interlocked.Increment(ref escaped);
                    }
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();

        // Meanwhile the clean model fails every prediction and reports a low success rate, window after window.
        var clean = pipeline.GetMonitor("clean");
        for (var window = 0; window < CleanWindows; window++)
        {
            for (var i = 0; i < 50; i++)
            {
                clean.RecordPrediction(new Prediction
                {
                    NumericFeatures = [i, 1, 2, 3],
                    CategoricalFeatures = ["a"],
                    Status = PredictionStatus.Error,
                    Latency = TimeSpan.FromMilliseconds(5),
                }).IsEmpty.ShouldBeFalse();
                clean.RecordMetric("success_rate", 0.5).ShouldBeTrue();
            }

            clock.Advance(TimeSpan.FromSeconds(61));
            (await pipeline.FlushAsync()).ShouldBeTrue();
        }

        await Task.WhenAll(workers);
        clock.Advance(TimeSpan.FromSeconds(61));
        (await pipeline.FlushAsync()).ShouldBeTrue();

        escaped.ShouldBe(0);
        var statistics = pipeline.GetStatistics();
        statistics.Buffered.ShouldBe(0);
        statistics.Received.ShouldBe(statistics.Stored + statistics.Buffered + statistics.Dropped, statistics.ToString());
        statistics.Dropped.ShouldBeGreaterThan(0);
        statistics.Stored.ShouldBeGreaterThan(CleanWindows * 100);

        var active = await pipeline.Alerts.GetActiveAlertsAsync(new AlertQuery { Model = "clean" });
        active.Select(a => a.Name).ShouldContain("threshold." + WindowMetricNames.ErrorRate);
        active.Select(a => a.Name).ShouldContain("success-low");
        var errorRates = await pipeline.Reader.GetRecentMetricsAsync("clean", WindowMetricNames.ErrorRate);
        errorRates.Count.ShouldBe(CleanWindows);
        errorRates.ShouldAllBe(m => m.Value == 1);

        statistics.GetDropped(DropReason.DuplicateId).ShouldBeGreaterThan(0);
        AssertNothingInvalidStored(path, clock.GetUtcNow(), new RecordingLimits());
        AssertEveryStoredRecordIsInTheStore(path, statistics, Interlocked.Read(ref labelsAccepted));
    }

    private static void AssertNothingInvalidStored(string path, DateTimeOffset now, RecordingLimits limits)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        var earliest = 0L;
        var latest = (now + TimeSpan.FromDays(1) - DateTimeOffset.UnixEpoch).Ticks / 10;
        long Count(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$earliest", earliest);
            command.Parameters.AddWithValue("$latest", latest);
            command.Parameters.AddWithValue("$label", limits.MaxLabelLength);
            command.Parameters.AddWithValue("$day", TimeSpan.TicksPerDay);
            return (long)command.ExecuteScalar()!;
        }

        Count("SELECT count(*) FROM predictions").ShouldBeGreaterThan(0);
        Count("""
            SELECT count(*) FROM predictions WHERE ts < $earliest OR ts > $latest
                OR latency_ticks < 0 OR latency_ticks > $day OR status NOT IN (0, 1)
                OR confidence < 0 OR confidence > 1
                OR length(predicted_class) > $label OR length(error_kind) > $label OR length(segment) > $label
            """).ShouldBe(0);
        Count("SELECT count(*) FROM metrics WHERE value IS NULL OR ts < $earliest OR ts > $latest OR length(unit) > $label OR length(name) > 128").ShouldBe(0);
        Count("SELECT count(*) FROM health_checks WHERE score < 0 OR score > 1 OR score IS NULL OR ts < $earliest OR ts > $latest").ShouldBe(0);
        Count("SELECT count(*) FROM ground_truth WHERE length(actual_class) > $label OR (actual_class IS NULL AND actual_value IS NULL)").ShouldBe(0);

        using var features = connection.CreateCommand();
        features.CommandText = "SELECT numeric_features, categorical_features FROM predictions";
        using var reader = features.ExecuteReader();
        while (reader.Read())
        {
            var numeric = NumericCodec.Read((byte[])reader[0]);
            numeric.Length.ShouldBe(4);
            numeric.ShouldAllBe(v => double.IsFinite(v));
            var categorical = StringListCodec.ReadStrings((byte[])reader[1]);
            categorical.Length.ShouldBe(1);
            (categorical[0]?.Length ?? 0).ShouldBeLessThanOrEqualTo(limits.MaxLabelLength);
        }
    }

    /// <summary>
    /// Every record counted as stored is in the store: a row per prediction (a repeated id is counted as
    /// DuplicateId, not stored), per recorded metric (window metrics, which have a window start, are the
    /// worker's own) and per health check; labels are kept one per prediction, the latest winning, so
    /// they are counted from the calls that accepted them.
    /// </summary>
    private static void AssertEveryStoredRecordIsInTheStore(string path, MonitoringStatistics statistics, long labelsAccepted)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        long Count(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return (long)command.ExecuteScalar()!;
        }

        statistics.GetDropped(DropReason.SinkFailure).ShouldBe(0);
        var rows = Count("SELECT count(*) FROM predictions")
            + Count("SELECT count(*) FROM metrics WHERE window_start IS NULL")
            + Count("SELECT count(*) FROM health_checks");
        (rows + labelsAccepted).ShouldBe(statistics.Stored);
        Count("SELECT count(*) FROM ground_truth").ShouldBeLessThanOrEqualTo(labelsAccepted);
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>One thread's source of random records, most of them hostile in one way or another.</summary>
    private sealed class HostileRecorder(MonitoringPipeline pipeline, FakeTimeProvider clock, int seed, Action labelAccepted)
    {
        private static readonly string Huge = new('x', 1 << 20);
        private static readonly double[] Numbers = [0, -0.0, 1, -1, 1e308, -1e308, double.Epsilon, double.MaxValue, double.NaN, double.PositiveInfinity, double.NegativeInfinity];
        private static readonly PredictionId Repeated = new(0xDEAD, 0xBEEF);
        private readonly Random _random = new(seed);
        private readonly IModelMonitor _monitor = pipeline.GetMonitor("hostile");
        private readonly List<PredictionId> _ids = [];

        public void RecordOne()
        {
            switch (_random.Next(6))
            {
                case 0:
                case 1:
                    RecordPrediction();
                    break;
                case 2:
                    RecordLabel();
                    break;
                case 3:
                    RecordMetric();
                    break;
                case 4:
                    RecordHealthCheck();
                    break;
                default:
                    pipeline.GetMonitor(Pick("hostile", "unknown-" + _random.Next(100_000), string.Empty, Huge, "bad name!"))
                        .RecordPrediction(new Prediction { NumericFeatures = [1, 2, 3, 4], CategoricalFeatures = ["a"] });
                    break;
            }
        }

        private void RecordPrediction()
        {
            var count = Pick(4, 4, 4, 0, 3, 5, 100);
            Span<double> numeric = stackalloc double[count];
            for (var i = 0; i < count; i++)
            {
                numeric[i] = _random.Next(3) == 0 ? Numbers[_random.Next(Numbers.Length)] : _random.NextDouble() * 100;
            }

            string?[] categorical = Pick<string?[]>(["a"], ["b"], [null], [string.Empty], [Huge], [new string('c', 257)], [], ["a", "b"], ["v" + _random.Next(5_000)]);
            var now = clock.GetUtcNow();
            var id = _monitor.RecordPrediction(new Prediction
            {
                NumericFeatures = numeric,
                CategoricalFeatures = categorical,
                Latency = Pick(TimeSpan.FromMilliseconds(3), TimeSpan.Zero, TimeSpan.FromTicks(-1), TimeSpan.MaxValue, TimeSpan.MinValue, TimeSpan.FromDays(2)),
                Status = Pick(PredictionStatus.Success, PredictionStatus.Error, (PredictionStatus)99),
                PredictedClass = Pick<string?>("yes", "no", null, Huge, "class-" + _random.Next(1_000)),
                Confidence = Pick<double?>(null, 0.7, 1, 0, -0.0, 1.0000001, -0.1, double.NaN),
                PredictedValue = Pick<double?>(null, 3.5, double.NaN, double.NegativeInfinity),
                Timestamp = Pick<DateTimeOffset?>(
                    null,
                    now,
                    DateTimeOffset.MaxValue,
                    DateTimeOffset.MinValue,
                    new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero),
                    new DateTimeOffset(3000, 1, 1, 0, 0, 0, TimeSpan.Zero),
                    new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero),
                    DateTimeOffset.UnixEpoch.AddTicks(-1),
                    now.AddDays(-8),
                    now.AddHours(1)),
                Id = Pick(PredictionId.Empty, PredictionId.Empty, Repeated, new PredictionId((ulong)seed + 1, (ulong)_random.NextInt64())),
                ErrorKind = Pick<string?>(null, "Timeout", Huge),
                Segment = Pick<string?>(null, "eu", Huge),
            });
            if (!id.IsEmpty && _ids.Count < 10_000)
            {
                _ids.Add(id);
            }
        }

        private void RecordLabel()
        {
            var id = _ids.Count > 0 && _random.Next(4) > 0 ? _ids[_random.Next(_ids.Count)] : Pick(PredictionId.Empty, Repeated, new PredictionId(7, 7));
            var accepted = _random.Next(2) == 0
                ? _monitor.RecordGroundTruth(id, Pick<string>("yes", "no", null!, Huge))
                : _monitor.RecordGroundTruth(id, Pick(1.5, double.NaN, double.PositiveInfinity));
            if (accepted)
            {
                labelAccepted();
            }
        }

        private void RecordMetric()
        {
            var metadata = Pick<Dictionary<string, string>?>(
                null,
                new() { ["k"] = "v" },
                new() { ["k"] = Huge },
                Enumerable.Range(0, 100).ToDictionary(i => "k" + i, i => "v"));
            var accepted = _monitor.RecordMetric(
                Pick("success_rate", "gpu", string.Empty, null!, "bad name", new string('m', 200)),
                Pick(0.5, 0.95, double.NaN, double.NegativeInfinity, -1e308),
                Pick<string?>(null, "ms", Huge),
                metadata);

            // The caller keeps and changes its dictionary afterwards, as issue 10 item 8 found.
            if (accepted && metadata is not null)
            {
                metadata["later"] = "changed";
                metadata.Remove("k");
            }
        }

        private void RecordHealthCheck()
        {
            var issues = Pick<List<string>?>(null, ["slow"], [null!], [.. Enumerable.Repeat("x", 100)], [Huge]);
            var accepted = _monitor.RecordHealthCheck(
                Pick(ModelHealthStatus.Healthy, ModelHealthStatus.Degraded, (ModelHealthStatus)42),
                Pick(1.0, 0.5, 0, -0.5, 2, double.NaN),
                issues);
            if (accepted && issues is not null)
            {
                issues.Add("later");
            }
        }

        private T Pick<T>(params T[] values) => values[_random.Next(values.Length)];
    }
}
