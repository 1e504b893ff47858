// Results, machines and every run: docs/benchmarks.md, "Worker".

using BenchmarkDotNet.Attributes;
using ModelMonitoring.Aggregation;
using ModelMonitoring.Internal;
using ModelMonitoring.Pipeline;
using ModelMonitoring.Recording;

namespace ModelMonitoring.Benchmarks;

/// <summary>
/// The worker's side: draining one batch of 4,096 predictions (10 features, a class, a confidence)
/// from the rings into batch arrays, with window aggregation and label-join bookkeeping. Time is per
/// prediction. <see cref="Quality"/> adds the data-quality counts of the 10 features (<c>quality.*</c> window
/// metrics, issue 13), as a pipeline does for every model with features. Results: see docs/benchmarks.md.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(TieredUpConfig))]
public class WorkerBenchmarks
{
    private const int Batch = 4_096;
    private readonly double[] _features = [1.5, 22, 0.3, 4, 5.5, 60, 7, 0.08, 9, 10];
    private ModelPipeline _pipeline = null!;
    private TimestampConverter _clock = null!;

    [Params(false, true)]
    public bool Quality { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var names = Enumerable.Range(0, 10).Select(i => $"f{i}").ToArray();
        var schema = new ModelSchema("bench", "1", "bench", names, []);
        var monitor = new ModelMonitor(schema, Batch * 2, new ModelMonitoring.Internal.CoarseClock(TimeProvider.System, TimeSpan.FromMilliseconds(10)), new PipelineState());
        var aggregator = new WindowAggregator(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1), 100_000, new ThresholdEvaluator(schema, []))
        {
            Quality = Quality ? new ModelMonitoring.Aggregation.Quality.FeatureQualityTracker(schema) : null,
        };
        _pipeline = new ModelPipeline(monitor, aggregator, drift: null, Batch);
        _clock = new TimestampConverter(TimeProvider.System);
    }

    [IterationSetup]
    public void Fill()
    {
        for (var i = 0; i < Batch; i++)
        {
            _pipeline.Monitor.RecordPrediction(new Prediction { NumericFeatures = _features, Latency = TimeSpan.FromTicks(1_000 + i), PredictedClass = (i & 1) == 0 ? "a" : "b", Confidence = 0.9 });
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    [InvocationCount(1)]
    public int DrainAndAggregate()
    {
        _clock.Refresh();
        _pipeline.Drain(_clock);
        return _pipeline.Buffers.PredictionCount;
    }
}
