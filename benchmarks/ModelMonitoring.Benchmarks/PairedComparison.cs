using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using ModelMonitoring.Recording;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace ModelMonitoring.Benchmarks;

/// <summary>
/// <c>RecordingBenchmarks</c>' two single-thread benchmarks, run in alternating rounds in one process
/// and compared round by round, for machines whose speed drifts between BenchmarkDotNet's separate
/// runs (a shared virtual machine changed speed by half within seconds here). Each round times
/// 8,192 calls of each, the same calls as the benchmarks; the ratio of a round compares the two
/// under the same conditions, and the median over 400 rounds is printed with its quartiles.
/// Run: <c>dotnet run -c Release --project benchmarks/ModelMonitoring.Benchmarks -- paired</c>.
/// </summary>
internal static class PairedComparison
{
    private const int Calls = 8_192;
    private const int Rounds = 400;

    public static void Run()
    {
        var target = new BenchmarkMonitor(16_384);
        IModelMonitor monitor = target.Monitor;
        using var meter = new Meter("paired.otel");
        var histogram = meter.CreateHistogram<double>("latency", "ms");
        using var provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter("paired.otel")
            .AddReader(new PeriodicExportingMetricReader(new NullExporter(), exportIntervalMilliseconds: 60_000))
            .Build();
        double[] features = [1.5, 22, 0.3, 4, 5.5, 60, 7, 0.08, 9, 10];

        // Two seconds of both first, so that what is timed is the Tier-1 code a warmed-up service runs.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(2))
        {
            target.Drain();
            RecordPredictions(monitor, features);
            RecordHistogram(histogram);
        }

        var ours = new double[Rounds];
        var theirs = new double[Rounds];
        for (var round = 0; round < Rounds; round++)
        {
            target.Drain();
            var start = Stopwatch.GetTimestamp();
            RecordPredictions(monitor, features);
            ours[round] = NanosecondsPerCall(start);
            start = Stopwatch.GetTimestamp();
            RecordHistogram(histogram);
            theirs[round] = NanosecondsPerCall(start);
        }

        var ratios = theirs.Zip(ours, (t, o) => t / o).Order().ToArray();
        Console.WriteLine("                          median    best   (ns per call, per round of 8,192)");
        Console.WriteLine($"RecordPrediction        {Median(ours),8:F1} {ours.Min(),7:F1}");
        Console.WriteLine($"OpenTelemetry Record    {Median(theirs),8:F1} {theirs.Min(),7:F1}");
        Console.WriteLine($"OpenTelemetry / ours: median {ratios[Rounds / 2]:F2}x, quartiles {ratios[Rounds / 4]:F2}x - {ratios[3 * Rounds / 4]:F2}x");
        Console.WriteLine($"// drops: BufferFull={target.Dropped(DropReason.BufferFull)} InvalidValue={target.Dropped(DropReason.InvalidValue)}");
    }

    private static double NanosecondsPerCall(long start) => Stopwatch.GetElapsedTime(start).TotalNanoseconds / Calls;

    private static double Median(double[] values) => values.Order().ElementAt(values.Length / 2);

    private static void RecordPredictions(IModelMonitor monitor, double[] features)
    {
        for (var i = 0; i < Calls; i++)
        {
            RecordPrediction(monitor, features);
        }
    }

    private static void RecordHistogram(Histogram<double> histogram)
    {
        for (var i = 0; i < Calls; i++)
        {
            RecordHistogram1(histogram);
        }
    }

    // One call per method call, as a service records once per request and as BenchmarkDotNet invokes a
    // benchmark: in a loop the runtime would inline the whole recording path and hoist its loads.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static PredictionId RecordPrediction(IModelMonitor monitor, double[] features) =>
        monitor.RecordPrediction(new Prediction { NumericFeatures = features, Latency = TimeSpan.FromTicks(12_345), PredictedClass = "legit", Confidence = 0.93 });

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RecordHistogram1(Histogram<double> histogram) =>
        histogram.Record(12.345, new KeyValuePair<string, object?>("model", "fraud"), new KeyValuePair<string, object?>("status", "success"));

    private sealed class NullExporter : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
    }
}
