// Results, machine and command: docs/benchmarks.md, "Timed predictions".

using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using ModelMonitoring.Recording;

namespace ModelMonitoring.Benchmarks;

/// <summary>
/// The timing wrapper (<see cref="ModelMonitorTimingExtensions"/>) against what it replaces: a plain
/// <c>RecordPrediction</c> with a latency the caller already has, the same with hand-written
/// <see cref="Stopwatch"/> timing around the model call, and <c>Predict</c> / <c>PredictAsync</c>.
/// </summary>
/// <remarks>
/// <para>The "model" returns a fixed score, so what is timed is the monitoring around it. Every row
/// records the same prediction as <c>RecordingBenchmarks.RecordPrediction</c> (10 numeric features,
/// a class, a confidence, a latency) into a 16,384-slot buffer emptied before each iteration of 8,192
/// calls, through the interface a service holds.</para>
/// <para>The wrapper reads the clock twice per call, as the hand-written version does; on a virtual
/// machine whose clock source is kvm-clock a read can cost more than <c>RecordPrediction</c>
/// itself, so the row to compare the wrapper with is <c>StopwatchAndRecordPrediction</c>, and the
/// ratio to <c>RecordPrediction</c> mostly measures the clock. The <c>timing</c> mode of the
/// harness (<see cref="TimingComparison"/>) alternates the four in one process for those ratios.</para>
/// <para>As in <c>RecordingBenchmarks</c>, each global setup first runs its benchmark for two seconds so
/// that Tier-1 code is measured, and there is no forced collection before iterations: nothing here allocates.</para>
/// </remarks>
[MemoryDiagnoser]
[GcForce(false)]
[MedianColumn]
public class TimedPredictionBenchmarks
{
    private const int CallsPerIteration = 8_192;
    private BenchmarkMonitor _target = null!;
    private IModelMonitor _monitor = null!;
    private TimedModel _model = null!;

    private void Setup()
    {
        _target = new BenchmarkMonitor(16_384);
        _monitor = _target.Monitor;
        _model = new TimedModel();
    }

    [GlobalSetup(Target = nameof(RecordPrediction))]
    public void SetupRecordPrediction() => SetupAndWarmUp(() => RecordPrediction());

    [GlobalSetup(Target = nameof(StopwatchAndRecordPrediction))]
    public void SetupStopwatch() => SetupAndWarmUp(() => StopwatchAndRecordPrediction());

    [GlobalSetup(Target = nameof(Predict))]
    public void SetupPredict() => SetupAndWarmUp(() => Predict());

    [GlobalSetup(Target = nameof(PredictAsync))]
    public void SetupPredictAsync() => SetupAndWarmUp(() => PredictAsync());

    [IterationSetup]
    public void EmptyBuffer() => _target.Drain();

    [GlobalCleanup]
    public void Cleanup() =>
        Console.WriteLine($"// drops: BufferFull={_target.Dropped(DropReason.BufferFull)} InvalidValue={_target.Dropped(DropReason.InvalidValue)}");

    [Benchmark(Baseline = true)]
    [InvocationCount(CallsPerIteration)]
    public PredictionId RecordPrediction() => TimedModel.Record(_monitor, _model);

    [Benchmark]
    [InvocationCount(CallsPerIteration)]
    public Score StopwatchAndRecordPrediction() => TimedModel.StopwatchAndRecord(_monitor, _model);

    [Benchmark]
    [InvocationCount(CallsPerIteration)]
    public Score Predict() => TimedModel.Predict(_monitor, _model);

    [Benchmark]
    [InvocationCount(CallsPerIteration)]
    public Score PredictAsync() => TimedModel.PredictAsync(_monitor, _model);

    private void SetupAndWarmUp(Action call)
    {
        Setup();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(2))
        {
            _target.Drain();
            for (var i = 0; i < CallsPerIteration; i++)
            {
                call();
            }
        }
    }
}
