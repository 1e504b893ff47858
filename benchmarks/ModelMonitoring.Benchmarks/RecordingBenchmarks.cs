// Results, machines and every run: docs/benchmarks.md, "Recording".

using System.Diagnostics;
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
/// <para><c>RecordPrediction</c> and <c>OpenTelemetryHistogramRecord</c> are measured the same way:
/// one call per benchmark invocation, through the interface a service holds (<see cref="IModelMonitor"/>,
/// <see cref="Histogram{T}"/>), with BenchmarkDotNet subtracting the cost of its own invocation loop.
/// <c>RecordPrediction</c> records 10 numeric features, a class, a confidence and a latency into the
/// default 16,384-slot buffer; the buffer is emptied before each iteration of 8,192 calls (outside
/// the measurement), so every call is an accepted record, and cleanup prints the drop counts, which
/// must be 0. <c>OpenTelemetryHistogramRecord</c> is <c>Histogram&lt;double&gt;.Record</c> with 2 tags
/// under a MeterProvider with a periodic reader attached (without a reader the instrument is
/// disabled). Both run 8,192 calls per iteration with the same job, so BenchmarkDotNet measures
/// them alike and runs them one after the other.</para>
/// <para>No benchmark here allocates, so there is nothing for BenchmarkDotNet's full collection
/// before each iteration to collect (<c>GcForce(false)</c>): it would only walk the heap, including
/// the megabyte of buffer the recording writes, and evict it from the processor's caches before each
/// timed iteration, which a running service does not do between two predictions. With it, the
/// standard deviation of <c>RecordPrediction</c> was 2.6-3.0 ns in three runs; without it, 0.3-1.0 ns
/// in four.</para>
/// <para><c>RecordFromOneThread</c> / <c>RecordFromTwoThreads</c>: 16,384 predictions per invocation
/// from one thread, or 8,192 from each of two threads at once, into a 32,768-slot buffer. The second
/// thread is started once and spins waiting for work, so no thread start is timed. Time is per
/// prediction, so the aggregate throughput ratio is OneThread / TwoThreads.</para>
/// <para>Each global setup first runs its benchmark's code for two seconds. Iterations of a few
/// milliseconds do not give the runtime's tiered compilation the quiet time it waits for, so without
/// this BenchmarkDotNet can time unoptimised Tier-0 code (about 230 ns per recording) or a loop
/// that only ever runs as on-stack-replacement code; a service runs the Tier-1 code measured here.</para>
/// </remarks>
[MemoryDiagnoser]
[GcForce(false)]
[MedianColumn]
public class RecordingBenchmarks
{
    private const int CallsPerIteration = 8_192;
    private const int ThreadRecords = 16_384;
    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(2);
    private readonly double[] _features = [1.5, 22, 0.3, 4, 5.5, 60, 7, 0.08, 9, 10];
    private BenchmarkMonitor _target = null!;
    private IModelMonitor _monitor = null!;
    private MeterProvider? _meterProvider;
    private Meter? _meter;
    private Histogram<double> _histogram = null!;
    private Thread? _helper;
    private volatile int _go;
    private volatile int _done;
    private volatile bool _stop;

    [GlobalSetup(Target = nameof(RecordPrediction))]
    public void SetupRecordPrediction()
    {
        UseMonitor(16_384);
        WarmUp(() =>
        {
            _target.Drain();
            for (var i = 0; i < CallsPerIteration; i++)
            {
                RecordPrediction();
            }
        });
    }

    [GlobalSetup(Target = nameof(OpenTelemetryHistogramRecord))]
    public void SetupOpenTelemetry()
    {
        _meter = new Meter("bench.otel");
        _histogram = _meter.CreateHistogram<double>("latency", "ms");
        _meterProvider = Sdk.CreateMeterProviderBuilder()
            .AddMeter("bench.otel")
            .AddReader(new PeriodicExportingMetricReader(new NullExporter(), exportIntervalMilliseconds: 60_000))
            .Build();
        WarmUp(() =>
        {
            for (var i = 0; i < CallsPerIteration; i++)
            {
                OpenTelemetryHistogramRecord();
            }
        });
    }

    [GlobalSetup(Target = nameof(RecordFromOneThread))]
    public void SetupOneThread()
    {
        UseMonitor(ThreadRecords * 2);
        WarmUp(() =>
        {
            _target.Drain();
            RecordFromOneThread();
        });
    }

    [GlobalSetup(Target = nameof(RecordFromTwoThreads))]
    public void SetupTwoThreads()
    {
        UseMonitor(ThreadRecords * 2);
        _helper = new Thread(() =>
        {
            var seen = 0;
            while (!_stop)
            {
                if (_go != seen)
                {
                    seen = _go;
                    RecordMany(_monitor, _features, ThreadRecords / 2);
                    _done = seen;
                }
            }
        }) { IsBackground = true, Name = "second recorder" };
        _helper.Start();
        WarmUp(() =>
        {
            _target.Drain();
            RecordFromTwoThreads();
        });
    }

    [IterationSetup(Targets = [nameof(RecordPrediction), nameof(RecordFromOneThread), nameof(RecordFromTwoThreads)])]
    public void EmptyBuffer() => _target.Drain();

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop = true;
        _helper?.Join();
        _meterProvider?.Dispose();
        _meter?.Dispose();
        if (_target is not null)
        {
            Console.WriteLine($"// drops: BufferFull={_target.Dropped(DropReason.BufferFull)} InvalidValue={_target.Dropped(DropReason.InvalidValue)}");
        }
    }

    [Benchmark]
    [InvocationCount(CallsPerIteration)]
    public PredictionId RecordPrediction() =>
        _monitor.RecordPrediction(new Prediction { NumericFeatures = _features, Latency = TimeSpan.FromTicks(12_345), PredictedClass = "legit", Confidence = 0.93 });

    [Benchmark]
    [InvocationCount(CallsPerIteration)]
    public void OpenTelemetryHistogramRecord() =>
        _histogram.Record(12.345, new KeyValuePair<string, object?>("model", "fraud"), new KeyValuePair<string, object?>("status", "success"));

    [Benchmark(OperationsPerInvoke = ThreadRecords)]
    [InvocationCount(1)]
    public void RecordFromOneThread() => RecordMany(_monitor, _features, ThreadRecords);

    [Benchmark(OperationsPerInvoke = ThreadRecords)]
    [InvocationCount(1)]
    public void RecordFromTwoThreads()
    {
        var round = _go + 1;
        _go = round;
        RecordMany(_monitor, _features, ThreadRecords / 2);
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

    private static void WarmUp(Action round)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < WarmUpTime)
        {
            round();
        }
    }

    private void UseMonitor(int capacity)
    {
        _target = new BenchmarkMonitor(capacity);
        _monitor = _target.Monitor;
    }

    private sealed class NullExporter : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
    }
}
