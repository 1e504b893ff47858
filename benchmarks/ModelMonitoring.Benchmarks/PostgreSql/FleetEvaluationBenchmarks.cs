// Results, machines and every run: docs/benchmarks.md, "Fleet evaluation per window".

using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using ModelMonitoring.Aggregation;
using ModelMonitoring.Aggregation.Quality;
using ModelMonitoring.Configuration;
using ModelMonitoring.Fleet;
using ModelMonitoring.Internal;
using ModelMonitoring.Pipeline;
using ModelMonitoring.PostgreSql.Internal.Fleet;
using ModelMonitoring.Recording;

namespace ModelMonitoring.Benchmarks.PostgreSql;

/// <summary>
/// What fleet mode costs per window (issue 12). <see cref="ReplicaSavesItsPartial"/>: one replica's save of its closed
/// window's partial (one upsert). <see cref="LeaderEvaluatesWindow"/>: the leader's whole turn for one closed window,
/// through the worker's own <c>FleetWindowMerger</c> on PostgreSQL on loopback: reading the unmerged partials of every
/// replica, marking the window merged (the claim that makes it exactly once), merging the partials and emitting the
/// window metrics with the thresholds evaluated over them. <see cref="MergeInMemory"/>: the merge and the thresholds
/// alone, no store. Each replica's partial holds 1,000 predictions (latency histogram, two classes, 600 labels) and the
/// data-quality counts of 10 features; three thresholds (error rate, p95 latency, accuracy). Time is per window.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(TieredUpConfig))]
public class FleetEvaluationBenchmarks
{
    private const string Model = "fleet-bench";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan CloseDelay = TimeSpan.FromSeconds(3);

    private BenchmarkStore _bench = null!;
    private PostgreSqlWindowPartialStore _partials = null!;
    private FleetWindowMerger _merger = null!;
    private ModelPipeline _leader = null!;
    private BatchBuffers _buffers = null!;
    private WindowPartial[] _template = null!;
    private DateTimeOffset _windowStart;

    [Params(3, 10)]
    public int Replicas { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _bench = await BenchmarkStore.OpenAsync();
        _partials = new PostgreSqlWindowPartialStore(_bench.Store);

        var features = Enumerable.Range(0, 10).Select(i => $"f{i}").ToArray();
        var schema = new ModelSchema(Model, "1", "bench", features, []);
        ThresholdEvaluator thresholds = new(schema, [
            new MetricThreshold(WindowMetricNames.ErrorRate) { Max = 0.05 },
            new MetricThreshold(WindowMetricNames.LatencyP95) { Max = 250 },
            new MetricThreshold(WindowMetricNames.Accuracy) { Min = 0.8 },
        ]);
        var aggregator = new WindowAggregator(Window, TimeSpan.FromSeconds(1), 100_000, thresholds, Model) { Quality = new FeatureQualityTracker(schema) };
        var monitor = new ModelMonitor(schema, 1_024, new CoarseClock(TimeProvider.System, TimeSpan.FromMilliseconds(10)), new PipelineState());
        _leader = new ModelPipeline(monitor, aggregator, drift: null, 1_024);
        _buffers = new BatchBuffers(1_024, features.Length, 0);
        _merger = new FleetWindowMerger(_partials, "leader", CloseDelay, NullLogger.Instance);
        _template = [.. Enumerable.Range(0, Replicas).Select(r => Partial(r, features))];
        _windowStart = new DateTimeOffset(TimeProvider.System.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero).AddDays(-1);
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _bench.DisposeAsync();

    // Every replica's partial of the next window is saved (not timed), so each timed turn finds one unmerged window.
    [IterationSetup(Targets = [nameof(LeaderEvaluatesWindow)])]
    public void SaveNextWindow()
    {
        _windowStart += Window;
        _partials.SaveWindowPartialsAsync([.. _template.Select(p => p with { WindowStart = _windowStart, WindowEnd = _windowStart + Window })]).GetAwaiter().GetResult();
        _buffers.Metrics.Clear();
        _buffers.Alerts.Clear();
    }

    [IterationSetup(Targets = [nameof(ReplicaSavesItsPartial)])]
    public void NextPartialWindow() => _windowStart += Window;

    [Benchmark]
    [InvocationCount(1)]
    public async Task<int> LeaderEvaluatesWindow()
    {
        await _merger.RunAsync(_leader, leading: true, _windowStart + Window + CloseDelay, _buffers, CancellationToken.None);

        // The merger logs and swallows a failed merge; a turn that merged nothing must not pass for a fast one.
        return _buffers.Metrics.Count > 0 ? _buffers.Metrics.Count : throw new InvalidOperationException("The leader merged no window.");
    }

    [Benchmark]
    [InvocationCount(1)]
    public Task ReplicaSavesItsPartial() =>
        _partials.SaveWindowPartialsAsync([_template[0] with { WindowStart = _windowStart, WindowEnd = _windowStart + Window }]);

    [Benchmark]
    public int MergeInMemory()
    {
        var window = new WindowState();
        var aggregator = _leader.Aggregator;
        foreach (var partial in _template)
        {
            _ = WindowPartials.MergeInto(window, partial, aggregator.CustomMetricNames, aggregator.MaxDistinctClassLabels, aggregator.QualityFeatures);
        }

        _buffers.Metrics.Clear();
        _buffers.Alerts.Clear();
        aggregator.CloseMerged(window, _template[0].WindowStart, _template[0].WindowEnd, _buffers.Metrics, _buffers.Alerts);
        return _buffers.Metrics.Count;
    }

    private static WindowPartial Partial(int replica, string[] features)
    {
        var random = new Random(replica);
        var window = new WindowState();
        var start = DateTimeOffset.UnixEpoch;
        for (var i = 0; i < 1_000; i++)
        {
            // What the aggregator adds per prediction (WindowAggregator.Observe).
            var latencyMs = 5 + (random.NextDouble() * random.NextDouble() * 300);
            window.Count++;
            window.Errors += random.NextDouble() < 0.01 ? 1 : 0;
            window.LatencySumMs += latencyMs;
            window.Latency.Add(latencyMs);
            window.ConfidenceSum += random.NextDouble();
            window.ConfidenceCount++;
            var predictedClass = random.NextDouble() < 0.3 ? "fraud" : "legit";
            window.ClassCounts[predictedClass] = window.ClassCounts.GetValueOrDefault(predictedClass) + 1;
        }

        window.LabelCount = window.ClassLabelCount = 600;
        window.CorrectCount = 540;
        return WindowPartials.From(window, Model, $"replica-{replica}", start, start + Window, []) with
        {
            Quality = [.. features.Select(f => new FeatureQualityPartial
            {
                Feature = f, Values = 1_000, Missing = random.Next(5), Checked = 1_000, Outside = random.Next(20), Min = -random.NextDouble(), Max = 100 + random.NextDouble(),
            })],
        };
    }
}
