using System.Diagnostics;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Benchmarks;

/// <summary>
/// Pushes millions of predictions through a real pipeline (worker, batching, window aggregation,
/// label joins) into a sink that discards them, and prints managed memory after every million:
/// it must stay flat. Run: <c>dotnet run -c Release --project benchmarks/ModelMonitoring.Benchmarks -- memory 10000000</c>.
/// </summary>
internal static class MemorySoak
{
    public static async Task RunAsync(int total)
    {
        await using var pipeline = MonitoringPipeline.Create(b => b
            .Configure(o =>
            {
                o.FlushInterval = TimeSpan.FromMilliseconds(20);
                o.AggregationWindow = TimeSpan.FromSeconds(1);
                o.AddModel("soak", m => m.NumericFeatures("f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9").CategoricalFeatures("country"));
            })
            .AddSink(new DiscardingSink()));
        var monitor = pipeline.GetMonitor("soak");
        double[] features = [1.5, 22, 0.3, 4, 5.5, 60, 7, 0.08, 9, 10];
        string?[] countries = ["NL"];
        var clock = Stopwatch.StartNew();
        Console.WriteLine("records      managed MB   gen0  gen1  gen2  stored       dropped");
        for (var i = 1; i <= total; i++)
        {
            PredictionId id;
            while ((id = monitor.RecordPrediction(new Prediction { NumericFeatures = features, CategoricalFeatures = countries, PredictedClass = (i & 1) == 0 ? "a" : "b", Confidence = 0.9, Latency = TimeSpan.FromTicks(i % 50_000) })).IsEmpty)
            {
                // Buffer full: give the worker time. Drops are counted; the soak retries so every record passes through.
                Thread.Yield();
            }

            if (i % 10 == 0)
            {
                monitor.RecordGroundTruth(id, "a");
            }

            if (i % 1_000_000 == 0)
            {
                await pipeline.FlushAsync();
                var managed = GC.GetTotalMemory(forceFullCollection: true) / (1024.0 * 1024.0);
                var statistics = pipeline.GetStatistics();
                Console.WriteLine($"{i,-12:N0} {managed,10:F1} {GC.CollectionCount(0),6} {GC.CollectionCount(1),5} {GC.CollectionCount(2),5}  {statistics.Stored,-12:N0} {statistics.Dropped:N0}");
            }
        }

        Console.WriteLine($"{total:N0} records in {clock.Elapsed.TotalSeconds:F1} s ({total / clock.Elapsed.TotalSeconds:N0}/s end to end, including the worker)");
    }

    private sealed class DiscardingSink : IMetricSink
    {
        public ValueTask<SinkWriteResult> WriteAsync(MonitoringBatch batch, CancellationToken cancellationToken) => ValueTask.FromResult(SinkWriteResult.AllKept);
    }
}
