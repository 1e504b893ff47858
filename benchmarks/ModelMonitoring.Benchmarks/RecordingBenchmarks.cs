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
/// <para><c>RecordPrediction</c>: one call with 10 numeric features, a class and a confidence, into the
/// default 16,384-slot buffer while a consumer thread on the other core releases slots as the worker
/// does (the buffer never fills: drops are printed at cleanup and must be 0).</para>
/// <para><c>OpenTelemetryHistogramRecord</c>: <c>Histogram&lt;double&gt;.Record</c> with 2 tags under a
/// MeterProvider with a periodic reader attached (without a reader the instrument is disabled).</para>
/// <para><c>RecordFromOneThread</c> / <c>RecordFromTwoThreads</c>: 1,048,576 predictions per invocation
/// into an empty buffer large enough to hold them (emptied between iterations, outside the
/// measurement), from one thread or split over two; time is per prediction, so the aggregate
/// throughput ratio is OneThread / TwoThreads.</para>
/// Results: see docs/benchmarks.md.
/// </remarks>
[MemoryDiagnoser]
public class RecordingBenchmarks
{
    private const int BatchRecords = 1 << 20;
    private readonly double[] _features = [1.5, 22, 0.3, 4, 5.5, 60, 7, 0.08, 9, 10];
    private BenchmarkMonitor _monitor = null!;
    private Thread? _consumer;
    private volatile bool _stop;
    private MeterProvider? _meterProvider;
    private Meter? _meter;
    private Histogram<double>? _histogram;

    [GlobalSetup(Target = nameof(RecordPrediction))]
    public void SetupWithConsumer()
    {
        _monitor = new BenchmarkMonitor(16_384);
        _consumer = new Thread(() =>
        {
            var spinner = new SpinWait();
            while (!_stop)
            {
                if (_monitor.Drain() == 0)
                {
                    spinner.SpinOnce(sleep1Threshold: -1);
                }
            }
        }) { IsBackground = true, Name = "consumer" };
        _consumer.Start();
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
    }

    [GlobalSetup(Targets = [nameof(RecordFromOneThread), nameof(RecordFromTwoThreads)])]
    public void SetupLargeBuffer() => _monitor = new BenchmarkMonitor(BatchRecords * 2);

    [IterationSetup(Targets = [nameof(RecordFromOneThread), nameof(RecordFromTwoThreads)])]
    public void EmptyBuffer() => _monitor.Drain();

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop = true;
        _consumer?.Join();
        _meterProvider?.Dispose();
        _meter?.Dispose();
        if (_monitor is not null)
        {
            Console.WriteLine($"// drops: BufferFull={_monitor.Dropped(DropReason.BufferFull)} InvalidValue={_monitor.Dropped(DropReason.InvalidValue)}");
        }
    }

    [Benchmark]
    public PredictionId RecordPrediction() => _monitor.Monitor.RecordPrediction(new Prediction
    {
        NumericFeatures = _features,
        Latency = TimeSpan.FromTicks(12_345),
        PredictedClass = "legit",
        Confidence = 0.93,
    });

    [Benchmark]
    public void OpenTelemetryHistogramRecord() =>
        _histogram!.Record(12.345, new KeyValuePair<string, object?>("model", "fraud"), new KeyValuePair<string, object?>("status", "success"));

    [Benchmark(OperationsPerInvoke = BatchRecords)]
    [InvocationCount(1)]
    public void RecordFromOneThread() => RecordMany(_monitor.Monitor, _features, BatchRecords);

    [Benchmark(OperationsPerInvoke = BatchRecords)]
    [InvocationCount(1)]
    public void RecordFromTwoThreads()
    {
        var monitor = _monitor.Monitor;
        var features = _features;
        var other = new Thread(() => RecordMany(monitor, features, BatchRecords / 2));
        other.Start();
        RecordMany(monitor, features, BatchRecords / 2);
        other.Join();
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
