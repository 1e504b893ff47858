using System.Collections.Concurrent;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Recording;

public class RecordSnapshotTests
{
    private static TestPipeline Create(Action<IModelMonitoringBuilder>? extra = null) => TestPipeline.Create(
        o =>
        {
            o.SinkRetryCount = 0;
            o.AddModel("m", m => m.NumericFeatures("x"));
        },
        extra);

    [Fact]
    public async Task RecordMetricAndHealthCheck_CollectionsChangedAfterwards_StoreWhatWasRecorded()
    {
        // Arrange
        await using var test = Create();
        var monitor = test.Pipeline.GetMonitor("m");
        var metadata = new Dictionary<string, string> { ["host"] = "a" };
        var issues = new List<string> { "slow" };

        // Act
        monitor.RecordMetric("queue_depth", 3, "items", metadata).ShouldBeTrue();
        monitor.RecordHealthCheck(ModelHealthStatus.Degraded, 0.5, issues).ShouldBeTrue();
        metadata["host"] = "b";
        metadata["late"] = "x";
        issues[0] = "changed";
        issues.Add("late");
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        // Assert
        var stored = test.Sink.Metrics.Single(m => m.Name == "queue_depth").Metadata!;
        stored.ShouldNotBeSameAs(metadata);
        stored.ToDictionary().ShouldBe(new Dictionary<string, string> { ["host"] = "a" });
        stored["host"].ShouldBe("a");
        stored.ContainsKey("late").ShouldBeFalse();
        test.Sink.HealthChecks.Single().Issues.ShouldBe(["slow"]);
    }

    [Fact]
    public async Task BatchWrite_CollectionsChangedByAnotherThreadDuringTheWrite_StoresTheWholeBatch()
    {
        // Arrange: a sink that, half way through reading each metadata and issue list, has another thread
        // change the caller's collections (as the caller's own code could at that moment).
        var metadata = new Dictionary<string, string> { ["host"] = "a", ["zone"] = "eu" };
        var issues = new List<string> { "slow", "cold" };
        var meddler = new MeddlingSink(() =>
        {
            metadata["late-" + metadata.Count] = "x";
            issues.Add("late");
        });
        await using var test = Create(b => b.AddSink(meddler));
        var monitor = test.Pipeline.GetMonitor("m");

        // Act
        for (var i = 0; i < 100; i++)
        {
            monitor.RecordPrediction(new Prediction { NumericFeatures = [i] }).IsEmpty.ShouldBeFalse();
        }

        monitor.RecordMetric("queue_depth", 3, metadata: metadata).ShouldBeTrue();
        monitor.RecordHealthCheck(ModelHealthStatus.Healthy, 1, issues).ShouldBeTrue();
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        // Assert: on the old code the caller's collection threw inside the write, and the batch (predictions too) was dropped.
        meddler.Meddled.ShouldBeGreaterThan(0);
        var statistics = test.Pipeline.GetStatistics();
        statistics.GetDropped(DropReason.SinkFailure).ShouldBe(0);
        statistics.Stored.ShouldBe(102);
        test.Sink.Predictions.Count.ShouldBe(100);
        test.Sink.Metrics.Single(m => m.Name == "queue_depth").Metadata!.ToDictionary().ShouldBe(new Dictionary<string, string> { ["host"] = "a", ["zone"] = "eu" });
        test.Sink.HealthChecks.Single().Issues.ShouldBe(["slow", "cold"]);
    }

    [Fact]
    public async Task RecordMetric_ConcurrentDictionaryChangedByAnotherThreadWhileTheWorkerFlushes_EachStoredMetadataIsItsSnapshot()
    {
        // Arrange: when metric i is recorded, its metadata is n = i, k(i) and k(i - 1).
        await using var test = Create();
        var monitor = test.Pipeline.GetMonitor("m");
        var metadata = new ConcurrentDictionary<string, string>(StringComparer.Ordinal) { ["n"] = "0" };

        // Act
        var flushing = Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await test.Pipeline.FlushAsync();
            }
        });
        for (var i = 1; i <= 30; i++)
        {
            metadata["k" + i] = "v";
            metadata["n"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            monitor.RecordMetric("m" + i, i, metadata: metadata).ShouldBeTrue();
            metadata.TryRemove("k" + (i - 1), out _);
        }

        await flushing;
        metadata.Clear();
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        // Assert
        var stored = test.Sink.Metrics.Where(m => m.Name.StartsWith('m')).ToList();
        stored.Count.ShouldBe(30);
        foreach (var metric in stored)
        {
            var i = (int)metric.Value;
            var expected = new Dictionary<string, string> { ["n"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture), ["k" + i] = "v" };
            if (i > 1)
            {
                expected["k" + (i - 1)] = "v";
            }

            metric.Metadata!.OrderBy(e => e.Key, StringComparer.Ordinal).ShouldBe(expected.OrderBy(e => e.Key, StringComparer.Ordinal));
        }

        test.Pipeline.GetStatistics().Dropped.ShouldBe(0);
    }

    [Fact]
    public async Task RecordMetricAndHealthCheck_OverTheEntryCaps_AreRejectedAsLimitExceeded()
    {
        // Arrange
        await using var test = Create();
        var monitor = test.Pipeline.GetMonitor("m");
        var limits = new RecordingLimits();
        var tooMany = Enumerable.Range(0, limits.MaxMetadataEntries + 1).ToDictionary(i => "k" + i, i => "v");
        var atCap = Enumerable.Range(0, limits.MaxMetadataEntries).ToDictionary(i => "k" + i, i => new string('v', limits.MaxTextLength));

        // Act
        var rejected = new[]
        {
            monitor.RecordMetric("a", 1, metadata: tooMany),
            monitor.RecordMetric("a", 1, metadata: new Dictionary<string, string> { ["k"] = new string('v', limits.MaxTextLength + 1) }),
            monitor.RecordHealthCheck(ModelHealthStatus.Healthy, 1, [.. Enumerable.Repeat("issue", limits.MaxHealthCheckIssues + 1)]),
            monitor.RecordHealthCheck(ModelHealthStatus.Healthy, 1, [new string('i', limits.MaxTextLength + 1)]),
        };
        var accepted = monitor.RecordMetric("a", 1, metadata: atCap);
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        // Assert
        rejected.ShouldAllBe(r => !r);
        accepted.ShouldBeTrue();
        test.Pipeline.GetStatistics().GetDropped(DropReason.LimitExceeded).ShouldBe(4);
        test.Sink.Metrics.Single(m => m.Name == "a").Metadata!.Count.ShouldBe(limits.MaxMetadataEntries);
        test.Sink.HealthChecks.ShouldBeEmpty();
    }

    /// <summary>Reads every metric's metadata and every issue list the way a storage provider does, calling <c>meddle</c> on another thread half way.</summary>
    private sealed class MeddlingSink(Action meddle) : IMetricSink
    {
        public int Meddled { get; private set; }

        public ValueTask<SinkWriteResult> WriteAsync(MonitoringBatch batch, CancellationToken cancellationToken)
        {
            foreach (var metric in batch.Metrics.Span)
            {
                if (metric.Metadata is { } metadata)
                {
                    var read = 0;
                    foreach (var _ in metadata)
                    {
                        if (read++ == 0)
                        {
                            Task.Run(meddle, cancellationToken).Wait(cancellationToken);
                            Meddled++;
                        }
                    }
                }
            }

            foreach (var check in batch.HealthChecks.Span)
            {
                if (check.Issues is { } issues)
                {
                    var read = 0;
                    foreach (var _ in issues)
                    {
                        if (read++ == 0)
                        {
                            Task.Run(meddle, cancellationToken).Wait(cancellationToken);
                            Meddled++;
                        }
                    }
                }
            }

            return ValueTask.FromResult(SinkWriteResult.AllKept);
        }
    }
}
