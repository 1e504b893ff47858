using ModelMonitoring.Recording;

namespace ModelMonitoring.Benchmarks;

/// <summary>A real <see cref="ModelMonitor"/> (the hot path users call) with a minimal consumer for its prediction rings.</summary>
internal sealed class BenchmarkMonitor
{
    public BenchmarkMonitor(int capacity, int features = 10)
    {
        var names = Enumerable.Range(0, features).Select(i => $"f{i}").ToArray();
        Monitor = new ModelMonitor(new ModelSchema("bench", "1", "bench", names, []), capacity, new ModelMonitoring.Internal.CoarseClock(TimeProvider.System, TimeSpan.FromMilliseconds(10)), new PipelineState());
    }

    public ModelMonitor Monitor { get; }

    /// <summary>Releases every published prediction slot, as the worker does after copying it into a batch.</summary>
    public long Drain()
    {
        long drained = 0;
        foreach (var shard in Monitor.Predictions.Shards)
        {
            while (shard.TryPeek(out _))
            {
                shard.Release();
                drained++;
            }
        }

        return drained;
    }

    public long Dropped(DropReason reason) => Monitor.Drops.Get(reason);
}
