// BenchmarkDotNet v0.14.0, .NET 10.0.12, AMD EPYC VM (2 vCPUs), Debian 12 — 2026-11-22 14:11 UTC, load average 1.15 (docs/benchmarks.md)
//
// | Method                       | Mean      | Median   | StdDev   | Allocated |
// |----------------------------- |----------:|---------:|---------:|----------:|
// | OpenTelemetryHistogramRecord |  88.73 ns | 88.99 ns |  5.96 ns |         - |
// | RecordPrediction             |  40.30 ns | 40.09 ns |  4.41 ns |         - |
// | RecordFromOneThread          |  36.93 ns | 37.24 ns |  3.40 ns |         - |
// | RecordFromTwoThreads         | 113.07 ns | 72.88 ns | 90.28 ns |         - |
//
// Before the producer leases (same sources at 9317beb, 14:09 UTC, load average 1.17): 94.66, 46.27,
// 47.04 and 95.79 ns. Two-thread iterations spread from 20 to 561 ns on this machine in both runs; the
// `scaling` harness measures 1.8-1.9x instead (docs/benchmarks.md).

using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using ModelMonitoring.Recording;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace ModelMonitoring.Benchmarks;

/// <summary>
/// The recording hot path against OpenTelemetry's histogram, and its scaling from one to two threads.
/// </summary>
/// <remarks>
/// <para>Every ModelMonitoring figure is for accepted records: the buffer is emptied before each
/// iteration (outside the measurement) and is large enough for the iteration's records, and cleanup
/// prints the drop counts, which must be 0. Measuring with a buffer that fills would time the
/// rejection path instead.</para>
/// <para><c>RecordPrediction</c>: a call with 10 numeric features, a class, a confidence and a latency,
/// into the default 16,384-slot buffer; 8,192 calls per invocation (BenchmarkDotNet's per-call
/// invocation with an iteration setup measured its own harness, about 480 ns, not the call).</para>
/// <para><c>OpenTelemetryHistogramRecord</c>: <c>Histogram&lt;double&gt;.Record</c> with 2 tags under a
/// MeterProvider with a periodic reader attached (without a reader the instrument is disabled).</para>
/// <para><c>RecordFromOneThread</c> / <c>RecordFromTwoThreads</c>: 16,384 predictions per invocation from
/// one thread, or 8,192 from each of two threads at once, into a 32,768-slot buffer. The second
/// thread is started once and spins waiting for work, so no thread start is timed (a helper that
/// blocks between invocations was woken up to 10 ms late on this virtual machine). Time is per prediction, so the aggregate
/// throughput ratio is OneThread / TwoThreads.</para>
/// <para>Iterations of a few milliseconds each give the runtime too little quiet time to tier the hot
/// path up (it measured unoptimised Tier-0 code, about 450 ns per call), so the job starts call
/// counting at once: the code measured is the Tier-1 code a service runs after warm-up.</para>
/// Results: see docs/benchmarks.md.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(TieredUpConfig))]
public class RecordingBenchmarks
{
    private const int ThreadRecords = 16_384;
    private const int CallsPerIteration = 8_192;
    private readonly double[] _features = [1.5, 22, 0.3, 4, 5.5, 60, 7, 0.08, 9, 10];
    private BenchmarkMonitor _monitor = null!;
    private MeterProvider? _meterProvider;
    private Meter? _meter;
    private Histogram<double>? _histogram;
    private Thread? _helper;
    private volatile int _go;
    private volatile int _done;
    private volatile bool _stop;

    [GlobalSetup(Target = nameof(RecordPrediction))]
    public void SetupDefaultBuffer() => _monitor = new BenchmarkMonitor(16_384);

    [GlobalSetup(Target = nameof(OpenTelemetryHistogramRecord))]
    public void SetupOpenTelemetry()
    {
        _meter = new Meter("bench.otel");
        _histogram = _meter.CreateHistogram<double>("latency", "ms");
        _meterProvider = Sdk.CreateMeterProviderBuilder()
            .AddMeter("bench.otel")
            .AddReader(new PeriodicExportingMetricReader(new NullExporter(), exportIntervalMilliseconds: 60_000))
            .Build();
    }

    [GlobalSetup(Target = nameof(RecordFromOneThread))]
    public void SetupOneThread() => _monitor = new BenchmarkMonitor(ThreadRecords * 2);

    [GlobalSetup(Target = nameof(RecordFromTwoThreads))]
    public void SetupTwoThreads()
    {
        _monitor = new BenchmarkMonitor(ThreadRecords * 2);
        _helper = new Thread(() =>
        {
            var seen = 0;
            while (!_stop)
            {
                if (_go != seen)
                {
                    seen = _go;
                    RecordMany(_monitor.Monitor, _features, ThreadRecords / 2);
                    _done = seen;
                }
            }
        }) { IsBackground = true, Name = "second recorder" };
        _helper.Start();
    }

    [IterationSetup(Targets = [nameof(RecordPrediction), nameof(RecordFromOneThread), nameof(RecordFromTwoThreads)])]
    public void EmptyBuffer() => _monitor.Drain();

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop = true;
        _helper?.Join();
        _meterProvider?.Dispose();
        _meter?.Dispose();
        if (_monitor is not null)
        {
            Console.WriteLine($"// drops: BufferFull={_monitor.Dropped(DropReason.BufferFull)} InvalidValue={_monitor.Dropped(DropReason.InvalidValue)}");
        }
    }

    [Benchmark(OperationsPerInvoke = CallsPerIteration)]
    [InvocationCount(1)]
    public void RecordPrediction() => RecordMany(_monitor.Monitor, _features, CallsPerIteration);

    [Benchmark]
    public void OpenTelemetryHistogramRecord() =>
        _histogram!.Record(12.345, new KeyValuePair<string, object?>("model", "fraud"), new KeyValuePair<string, object?>("status", "success"));

    [Benchmark(OperationsPerInvoke = ThreadRecords)]
    [InvocationCount(1)]
    public void RecordFromOneThread() => RecordMany(_monitor.Monitor, _features, ThreadRecords);

    [Benchmark(OperationsPerInvoke = ThreadRecords)]
    [InvocationCount(1)]
    public void RecordFromTwoThreads()
    {
        var round = _go + 1;
        _go = round;
        RecordMany(_monitor.Monitor, _features, ThreadRecords / 2);
        var spinner = default(SpinWait);
        while (_done != round)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    private static void RecordMany(IModelMonitor monitor, double[] features, int count)
    {
        for (var i = 0; i < count; i++)
        {
            monitor.RecordPrediction(new Prediction { NumericFeatures = features, Latency = TimeSpan.FromTicks(12_345), PredictedClass = "legit", Confidence = 0.93 });
        }
    }

    private sealed class NullExporter : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
    }
}
