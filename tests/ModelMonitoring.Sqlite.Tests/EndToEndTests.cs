using ModelMonitoring.Recording;
using ModelMonitoring.Sqlite.Internal;

namespace ModelMonitoring.Sqlite.Tests;

public sealed class EndToEndTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    // T0 is a fixed time in the past and the clock is the real one: accept it as a backfill would.
    private static readonly TimeSpan Backfill = TimeSpan.FromDays(36_500);
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task Pipeline_WithSqlite_StoresRecordsAndReportsThemAfterFlush()
    {
        var path = _directory.File("pipeline.db");
        await using var pipeline = MonitoringPipeline.Create(builder => builder
            .Configure(o => o.AddModel("fraud", m => m.Version("3").NumericFeatures("amount", "age").CategoricalFeatures("country")).MaxLateness = Backfill)
            .UseSqlite(path));
        var monitor = pipeline.GetMonitor("fraud");
        var ids = new List<PredictionId>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add(monitor.RecordPrediction(new Prediction
            {
                NumericFeatures = [i * 10.5, 30],
                CategoricalFeatures = [i % 2 == 0 ? "DE" : null],
                Latency = TimeSpan.FromMilliseconds(i + 1),
                PredictedClass = i % 2 == 0 ? "fraud" : "ok",
                Confidence = 0.75,
                Timestamp = T0.AddSeconds(i),
            }));
        }

        for (var i = 0; i < 4; i++)
        {
            monitor.RecordGroundTruth(ids[i], "fraud").ShouldBeTrue();
        }

        monitor.RecordMetric("gpu_memory", 512, "MB").ShouldBeTrue();

        (await pipeline.FlushAsync()).ShouldBeTrue();
        var report = await pipeline.Reader.GetPerformanceReportAsync("fraud", T0, T0.AddMinutes(1));
        var gpu = await pipeline.Reader.GetRecentMetricsAsync("fraud", "gpu_memory");

        report.Predictions.Count.ShouldBe(10);
        report.Predictions.ClassCounts["fraud"].ShouldBe(5);
        report.Predictions.MeanConfidence.ShouldBe(0.75);
        report.Predictions.Latency.ShouldNotBeNull().P50.ShouldBe(TimeSpan.FromMilliseconds(5.5));
        report.LabeledCount.ShouldBe(4);
        report.Accuracy.ShouldBe(0.5);
        gpu.ShouldHaveSingleItem().Value.ShouldBe(512);
        gpu[0].Unit.ShouldBe("MB");
        pipeline.GetStatistics().Stored.ShouldBeGreaterThanOrEqualTo(15);
    }

    [Fact]
    public async Task Pipeline_DisposedAfterItsReaderWasUsed_WritesWhatWasStillBufferedBeforeClosingTheStore()
    {
        var path = _directory.File("shutdown.db");
        var pipeline = MonitoringPipeline.Create(builder => builder
            .Configure(o => o.AddModel("late", m => m.NumericFeatures("x")).MaxLateness = Backfill)
            .UseSqlite(path));
        (await pipeline.Reader.GetPredictionSummaryAsync("late", T0, T0.AddMinutes(1))).Count.ShouldBe(0);
        for (var i = 0; i < 5; i++)
        {
            pipeline.GetMonitor("late").RecordPrediction(new Prediction { NumericFeatures = [i], Timestamp = T0.AddSeconds(i) });
        }

        await pipeline.DisposeAsync();

        pipeline.GetStatistics().Dropped.ShouldBe(0);
        await using var reopened = new SqliteMonitoringStore(new SqliteStorageOptions { Path = path }, loggerFactory: null);
        (await reopened.GetPredictionSummaryAsync("late", T0, T0.AddMinutes(1))).Count.ShouldBe(5);
    }

    public void Dispose() => _directory.Dispose();
}
