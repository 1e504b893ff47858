// Results, machine and command: docs/benchmarks.md, "Recording attributions".

using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using ModelMonitoring.Recording;

namespace ModelMonitoring.Benchmarks;

/// <summary>
/// A prediction with 10 numeric features recorded plain, with 10 inline attributions (<see cref="Prediction.Attributions"/>,
/// which take the slow path and a slot in the explanation ring), and attributions recorded later by id
/// (<see cref="IModelMonitor.RecordAttributions"/>). Measured as <see cref="RecordingBenchmarks"/> measures
/// <c>RecordPrediction</c>: one call per invocation, 8,192 per iteration into a 16,384-slot buffer emptied before each
/// iteration (outside the measurement), after two seconds of warm-up so that Tier-1 code is timed. Cleanup prints the
/// drop counts, which must be 0.
/// </summary>
[MemoryDiagnoser]
[GcForce(false)]
[MedianColumn]
public class AttributionRecordingBenchmarks
{
    private const int CallsPerIteration = 8_192;
    private readonly double[] _features = [1.5, 22, 0.3, 4, 5.5, 60, 7, 0.08, 9, 10];
    private readonly double[] _attributions = [0.12, -0.4, 0.03, 0.2, -0.05, 0.6, 0.01, -0.02, 0.09, 0.1];
    private readonly PredictionId _id = PredictionId.FromGuid(Guid.Parse("6f1c1e2a-41f7-4c3b-9d0c-5d6b8f0e7a11"));
    private BenchmarkMonitor _target = null!;
    private IModelMonitor _monitor = null!;

    [GlobalSetup]
    public void Setup()
    {
        _target = new BenchmarkMonitor(16_384);
        _monitor = _target.Monitor;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(2))
        {
            EmptyBuffers();
            for (var i = 0; i < CallsPerIteration / 2; i++)
            {
                PlainPrediction();
                PredictionWithAttributions();
                AttributionsLater();
            }
        }
    }

    [IterationSetup]
    public void EmptyBuffers()
    {
        _target.Drain();
        foreach (var shard in _target.Monitor.Explanations?.Shards ?? [])
        {
            while (shard.TryPeek(out _))
            {
                shard.Release();
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() =>
        Console.WriteLine($"// drops: BufferFull={_target.Dropped(DropReason.BufferFull)} InvalidValue={_target.Dropped(DropReason.InvalidValue)} SchemaMismatch={_target.Dropped(DropReason.SchemaMismatch)}");

    [Benchmark(Baseline = true)]
    [InvocationCount(CallsPerIteration)]
    public PredictionId PlainPrediction() =>
        _monitor.RecordPrediction(new Prediction { NumericFeatures = _features, Latency = TimeSpan.FromTicks(12_345), PredictedClass = "legit", Confidence = 0.93 });

    [Benchmark]
    [InvocationCount(CallsPerIteration)]
    public PredictionId PredictionWithAttributions() =>
        _monitor.RecordPrediction(new Prediction
        {
            NumericFeatures = _features, Latency = TimeSpan.FromTicks(12_345), PredictedClass = "legit", Confidence = 0.93, Attributions = _attributions, AttributionBaseValue = 0.2,
        });

    [Benchmark]
    [InvocationCount(CallsPerIteration)]
    public bool AttributionsLater() => _monitor.RecordAttributions(_id, _attributions, 0.2);
}
