using Microsoft.Extensions.DependencyInjection;
using ModelMonitoring.Performance;
using ModelMonitoring.Recording;
using ModelMonitoring.Sqlite.Internal;
using ModelMonitoring.Sqlite.Internal.Reading;
using ModelMonitoring.Storage;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Sqlite.Tests;

/// <summary>Realized performance per prediction window, computed by the worker from a real SQLite file on a fake clock.</summary>
public sealed class RealizedPerformanceTests : IDisposable
{
    private static readonly DateTimeOffset Window = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();

    private TestPipeline Create(Action<RealizedPerformanceOptions>? configure = null, FakeTimeProvider? clock = null, TimeSpan? flushInterval = null) => TestPipeline.Create(
        o =>
        {
            o.AddModel("fraud", m => m.NumericFeatures("x"));
            o.FlushInterval = flushInterval ?? o.FlushInterval;
            configure?.Invoke(o.RealizedPerformance);
        },
        b => b.UseSqlite(_directory.File("realized.db")),
        clock ?? new FakeTimeProvider(Window.AddSeconds(10)));

    private static Task<IReadOnlyList<RealizedPerformance>> ReadAsync(TestPipeline test, string? segment = "") =>
        test.Pipeline.Services.GetRequiredService<IMonitoringReader>().GetRealizedPerformanceAsync("fraud", Window.AddHours(-1), Window.AddHours(1), segment);

    [Fact]
    public async Task ALabelArrivingAfterItsWindowClosed_UpdatesThatWindowsStoredAccuracy()
    {
        await using var test = Create();
        var monitor = test.Pipeline.GetMonitor("fraud");
        var right = monitor.RecordPrediction(new Prediction { NumericFeatures = [1], PredictedClass = "fraud" });
        var wrong = monitor.RecordPrediction(new Prediction { NumericFeatures = [2], PredictedClass = "ok" });
        monitor.RecordGroundTruth(right, "fraud");
        test.Clock.Advance(TimeSpan.FromSeconds(20));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        var before = (await ReadAsync(test)).ShouldHaveSingleItem();

        // Five minutes later the window closed long ago; its second label arrives, and the next check (at most one
        // RealizedPerformanceOptions.Interval later) finds it. The flush after the advance lets the cycle the advance
        // wakes finish first: otherwise that cycle can drain the buffers before the label, read the clock after the
        // next advance and so move the check a whole interval past the flush below (the label is then found by the
        // following check, thanks to LabelDelay, but not by this test's).
        test.Clock.Advance(TimeSpan.FromMinutes(5));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        monitor.RecordGroundTruth(wrong, "fraud");
        test.Clock.Advance(TimeSpan.FromMinutes(1));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        var after = (await ReadAsync(test)).ShouldHaveSingleItem();

        before.WindowStart.ShouldBe(Window);
        before.WindowEnd.ShouldBe(Window.AddMinutes(1));
        before.LabelCount.ShouldBe(1);
        before.Metrics[RealizedMetricNames.Accuracy].ShouldBe(1.0);
        after.WindowStart.ShouldBe(Window);
        after.LabelCount.ShouldBe(2);
        after.Metrics[RealizedMetricNames.Accuracy].ShouldBe(0.5);
        after.Metrics[RealizedMetricNames.Recall("fraud")].ShouldBe(0.5);
        after.ComputedAt.ShouldBe(test.Clock.GetUtcNow());
    }

    [Fact]
    public async Task AMulticlassModelsStoredClassProbabilities_GiveItsRealizedRocAucAndLogLoss()
    {
        string[] classes = ["low", "mid", "high"];
        await using var test = TestPipeline.Create(
            o => o.AddModel("grades", m => m.NumericFeatures("x").Classes(classes)),
            b => b.UseSqlite(_directory.File("multiclass.db")),
            new FakeTimeProvider(Window.AddSeconds(10)));
        var monitor = test.Pipeline.GetMonitor("grades");
        var random = new Random(6);
        var rows = new List<(double[] Probabilities, int Actual)>();
        for (var i = 0; i < 90; i++)
        {
            // Rounded to tenths, so that scores tie.
            var first = Math.Round(random.NextDouble() * 0.6, 1);
            var second = Math.Round(random.NextDouble() * (1 - first), 1);
            double[] p = [first, second, 1 - first - second];
            var predicted = Array.IndexOf(p, p.Max());
            var actual = i % 3;
            rows.Add((p, actual));
            var id = monitor.RecordPrediction(new Prediction { NumericFeatures = [i], PredictedClass = classes[predicted], ClassProbabilities = p });
            monitor.RecordGroundTruth(id, classes[actual]);
        }

        test.Clock.Advance(TimeSpan.FromSeconds(20));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        var window = (await test.Pipeline.Services.GetRequiredService<IMonitoringReader>().GetRealizedPerformanceAsync("grades", Window.AddHours(-1), Window.AddHours(1), string.Empty)).ShouldHaveSingleItem();

        // The definitions: each class's ROC AUC is the chance that a row of the class has a greater probability of it than
        // a row of another class (ties count half), averaged over classes; the log loss is the mean of -log p(true class).
        var auc = Enumerable.Range(0, 3).Average(c =>
        {
            var positives = rows.Where(r => r.Actual == c).Select(r => r.Probabilities[c]).ToArray();
            var negatives = rows.Where(r => r.Actual != c).Select(r => r.Probabilities[c]).ToArray();
            return positives.Sum(p => negatives.Sum(n => p > n ? 1.0 : p == n ? 0.5 : 0)) / (positives.Length * (double)negatives.Length);
        });
        var logLoss = rows.Average(r =>
        {
            var clipped = r.Probabilities.Select(p => Math.Clamp(p, 2.220446049250313e-16, 1 - 2.220446049250313e-16)).ToArray();
            return -Math.Log(clipped[r.Actual] / clipped.Sum());
        });
        window.LabelCount.ShouldBe(90);
        window.Metrics[RealizedMetricNames.RocAuc].ShouldBe(auc, 1e-12);
        window.Metrics[RealizedMetricNames.LogLoss].ShouldBe(logLoss, 1e-12);
    }

    [Fact]
    public async Task EachSegmentGetsItsOwnValues_UpToTheCap_AndTheRestAreGroupedAsOther()
    {
        await using var test = Create(o => o.MaxSegments = 1);
        var monitor = test.Pipeline.GetMonitor("fraud");
        void Record(string segment, string predicted, string actual) =>
            monitor.RecordGroundTruth(monitor.RecordPrediction(new Prediction { NumericFeatures = [1], PredictedClass = predicted, Segment = segment }), actual);
        Record("eu", "ok", "ok");
        Record("eu", "ok", "ok");
        Record("eu", "ok", "fraud");
        Record("us", "ok", "fraud");
        Record("asia", "ok", "ok");
        test.Clock.Advance(TimeSpan.FromSeconds(20));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        var all = await ReadAsync(test, segment: null);
        var eu = (await ReadAsync(test, segment: "eu")).ShouldHaveSingleItem();

        all.Select(w => (w.Segment, w.LabelCount, w.Metrics[RealizedMetricNames.Accuracy])).ShouldBe(
            [("", 5L, 0.6), (RecordingLimits.OtherValue, 2L, 0.5), ("eu", 3L, 2.0 / 3)]);
        eu.Metrics[RealizedMetricNames.Accuracy].ShouldBe(2.0 / 3);
        SqliteTestDatabase.Scalar(_directory.File("realized.db"), """
            SELECT value FROM v_window_performance
            WHERE model = 'fraud' AND window_start_time = '2026-03-01T10:00:00.000Z' AND window_end_time = '2026-03-01T10:01:00.000Z'
              AND segment = 'eu' AND metric = 'realized.accuracy' AND label_count = 3;
            """).ShouldBe(2.0 / 3);
    }

    [Fact]
    public async Task WindowsWaitingForRecomputation_AreBoundedPerCycle_NewestFirst()
    {
        // No timer cycle runs while the clock moves (a long flush interval): only the three flushes below.
        await using var test = Create(o => o.MaxWindowsPerCycle = 1, flushInterval: TimeSpan.FromHours(1));
        var monitor = test.Pipeline.GetMonitor("fraud");
        for (var minute = 0; minute < 3; minute++)
        {
            monitor.RecordGroundTruth(monitor.RecordPrediction(new Prediction { NumericFeatures = [1], PredictedValue = minute }), 10.0);
            test.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var stored = new List<int>();
        for (var cycle = 0; cycle < 3; cycle++)
        {
            (await test.Pipeline.FlushAsync()).ShouldBeTrue();
            stored.Add((await ReadAsync(test)).Count);
        }

        stored.ShouldBe([1, 2, 3]);
        (await ReadAsync(test)).Select(w => w.Metrics[RealizedMetricNames.MeanAbsoluteError]).ShouldBe([10.0, 9.0, 8.0]);
    }

    [Fact]
    public async Task AfterARestart_ALateLabelForAWindowComputedBefore_StillUpdatesIt()
    {
        var clock = new FakeTimeProvider(Window.AddSeconds(10));
        PredictionId late;
        await using (var first = Create(clock: clock))
        {
            var monitor = first.Pipeline.GetMonitor("fraud");
            monitor.RecordGroundTruth(monitor.RecordPrediction(new Prediction { NumericFeatures = [1], PredictedClass = "a" }), "a");
            late = monitor.RecordPrediction(new Prediction { NumericFeatures = [1], PredictedClass = "a" });
            clock.Advance(TimeSpan.FromSeconds(20));
            (await first.Pipeline.FlushAsync()).ShouldBeTrue();
        }

        clock.Advance(TimeSpan.FromHours(2));
        await using var second = Create(clock: clock);
        second.Pipeline.GetMonitor("fraud").RecordGroundTruth(late, "b");
        (await second.Pipeline.FlushAsync()).ShouldBeTrue();

        var window = (await ReadAsync(second)).ShouldHaveSingleItem();
        window.LabelCount.ShouldBe(2);
        window.Metrics[RealizedMetricNames.Accuracy].ShouldBe(0.5);
    }

    [Fact]
    public async Task Disabled_StoresNothing()
    {
        await using var test = Create(o => o.Enabled = false);
        var monitor = test.Pipeline.GetMonitor("fraud");
        monitor.RecordGroundTruth(monitor.RecordPrediction(new Prediction { NumericFeatures = [1], PredictedClass = "a" }), "a");
        test.Clock.Advance(TimeSpan.FromSeconds(20));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        (await ReadAsync(test, segment: null)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(nameof(RealizedPerformanceQueries.LabelledSql))]
    [InlineData(nameof(RealizedPerformanceQueries.WindowsSql))]
    public async Task RealizedPerformanceQueries_SearchIndexes_AndScanNoTable(string query)
    {
        var path = _directory.File("plans.db");
        await using (var store = new SqliteMonitoringStore(new SqliteStorageOptions { Path = path }, loggerFactory: null))
        {
            await store.GetLastComputedAsync("fraud", CancellationToken.None); // creates the schema
        }

        var sql = query == nameof(RealizedPerformanceQueries.LabelledSql) ? RealizedPerformanceQueries.LabelledSql : RealizedPerformanceQueries.WindowsSql;
        using var connection = SqliteTestDatabase.Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in new[] { "$model", "$from", "$to", "$epoch_ticks", "$window_ticks", "$since", "$predicted_since" })
        {
            if (sql.Contains(name, StringComparison.Ordinal))
            {
                command.Parameters.AddWithValue(name, name == "$model" ? "fraud" : 1L);
            }
        }

        var plan = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                plan.Add(reader.GetString(3));
            }
        }

        plan.ShouldNotBeEmpty();
        plan.ShouldAllBe(step => !step.StartsWith("SCAN", StringComparison.Ordinal), string.Join(" | ", plan));
        plan.ShouldContain(step => step.Contains(query == nameof(RealizedPerformanceQueries.LabelledSql) ? "predictions_model_ts" : "ground_truth_model_ts", StringComparison.Ordinal));
    }

    public void Dispose() => _directory.Dispose();
}
