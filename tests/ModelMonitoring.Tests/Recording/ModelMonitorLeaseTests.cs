using ModelMonitoring.Buffers;
using ModelMonitoring.Internal;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;
using ModelMonitoring.Tests.Buffers;

namespace ModelMonitoring.Tests.Recording;

// The monitor's own-shard path (features checked while copied, slot claimed only afterwards), driven
// on dedicated threads with a private lease registry so that which thread holds a lease is known.
public class ModelMonitorLeaseTests
{
    [Fact]
    public void RecordPrediction_InvalidFeaturesOnTheLeasedShard_ClaimNothingAndLeaveNoValues()
    {
        var leases = new ProducerLeases(1);
        var monitor = NewMonitor(leases, capacity: 16);

        var ids = DedicatedThread.Run(() => new[]
        {
            monitor.RecordPrediction(new Prediction { NumericFeatures = [1, 2, 3, 4, double.NaN] }),
            monitor.RecordPrediction(new Prediction { NumericFeatures = [9, 8, 7, 6, 5] }),
            monitor.RecordPrediction(new Prediction { NumericFeatures = [double.PositiveInfinity, 0, 0, 0, 0] }),
        });

        ids[0].IsEmpty.ShouldBeTrue();
        ids[1].IsEmpty.ShouldBeFalse();
        ids[2].IsEmpty.ShouldBeTrue();
        monitor.Drops.Get(DropReason.InvalidValue).ShouldBe(2);
        var shard = monitor.Predictions.Shards[0];
        shard.Claimed.ShouldBe(1);
        monitor.Predictions.Claimed.ShouldBe(1);
        shard.TryPeek(out var position).ShouldBeTrue();
        monitor.IdOf(shard, position, shard[position], default).ShouldBe(ids[1]);
        shard.NumericAt(position).ToArray().ShouldBe([9.0, 8, 7, 6, 5]);
    }

    [Fact]
    public void RecordPrediction_LeasedShardFull_OverflowsToTheSharedShardThenCountsBufferFull()
    {
        var leases = new ProducerLeases(1);
        var monitor = NewMonitor(leases, capacity: 8);
        var perShard = monitor.Predictions.Shards[0].Capacity;

        var accepted = DedicatedThread.Run(() => Enumerable.Range(0, 3 * perShard)
            .Count(i => !monitor.RecordPrediction(new Prediction { NumericFeatures = [i, 0, 0, 0, 0] }).IsEmpty));

        accepted.ShouldBe(2 * perShard);
        monitor.Predictions.Shards[0].Claimed.ShouldBe(perShard);
        monitor.Predictions.Shards[1].Claimed.ShouldBe(perShard);
        monitor.Drops.Get(DropReason.BufferFull).ShouldBe(perShard);
        monitor.Received.ShouldBe(3 * perShard);
    }

    [Fact]
    public void RecordPrediction_RareValuesOnTheLeasedAndTheSharedShard_AreKeptInEachShardsExtras()
    {
        var leases = new ProducerLeases(1);
        var monitor = NewMonitor(leases, capacity: 8);
        var perShard = monitor.Predictions.Shards[0].Capacity;

        var ids = DedicatedThread.Run(() => Enumerable.Range(0, perShard + 1)
            .Select(i => monitor.RecordPrediction(new Prediction { NumericFeatures = [i, 0, 0, 0, 0], Segment = $"s{i}", InputHash = (ulong)i, Id = new PredictionId(9, (ulong)i + 1) }))
            .ToArray());

        ids.ShouldAllBe(id => !id.IsEmpty);
        foreach (var shard in monitor.Predictions.Shards)
        {
            while (shard.TryPeek(out var position))
            {
                ref var entry = ref shard[position];
                entry.Has(PredictionEntryFields.Extras).ShouldBeTrue();
                var extras = monitor.Extras.Take(shard.Index, shard.IndexOf(position));
                var i = (int)shard.NumericAt(position)[0];
                extras.Segment.ShouldBe($"s{i}");
                extras.InputHash.ShouldBe((ulong)i);
                monitor.IdOf(shard, position, entry, extras).ShouldBe(ids[i]);
                shard.Release();
            }
        }

        monitor.Predictions.Shards[1].Claimed.ShouldBe(1);
    }

    private static ModelMonitor NewMonitor(ProducerLeases leases, int capacity) =>
        new(new ModelSchema("m", "1", "test", ["a", "b", "c", "d", "e"], []), capacity, new CoarseClock(new FakeTimeProvider(), TimeSpan.FromMilliseconds(10)), new PipelineState(), leases: leases);
}
