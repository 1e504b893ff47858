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
            monitor.RecordPrediction(new Prediction { NumericFeatures = [1, 2, 3, 4, double.NegativeInfinity] }),
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

    [Theory]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(10)]
    [InlineData(17)]
    public void RecordPrediction_AnyFeatureNaNOnTheLeasedShardOfAModelRejectingMissingValues_IsRejected_AndFiniteOnesAreStoredExactly(int features)
    {
        var leases = new ProducerLeases(1);
        var monitor = new ModelMonitor(new ModelSchema("m", "1", "test", [.. Enumerable.Range(0, features).Select(i => $"f{i}")], []), 64, new CoarseClock(new FakeTimeProvider(TestClock.DefaultStart), TimeSpan.FromMilliseconds(10)), new PipelineState(), leases: leases)
        {
            MissingValues = MissingValueHandling.Reject,
        };
        var valid = Enumerable.Range(0, features).Select(i => i * 1.5 - 3).ToArray();

        var ids = DedicatedThread.Run(() =>
        {
            monitor.RecordPrediction(new Prediction { NumericFeatures = valid });
            return Enumerable.Range(0, features)
                .Select(at => monitor.RecordPrediction(new Prediction { NumericFeatures = [.. valid.Select((v, i) => i == at ? double.NaN : v)] }))
                .Append(monitor.RecordPrediction(new Prediction { NumericFeatures = valid }))
                .ToArray();
        });

        ids.SkipLast(1).ShouldAllBe(id => id.IsEmpty);
        ids[^1].IsEmpty.ShouldBeFalse();
        monitor.Drops.Get(DropReason.InvalidValue).ShouldBe(features);
        var shard = monitor.Predictions.Shards[0];
        shard.Claimed.ShouldBe(2);
        while (shard.TryPeek(out var position))
        {
            shard.NumericAt(position).ToArray().ShouldBe(valid);
            shard.Release();
        }
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

    [Fact]
    public void RecordPrediction_ScalarEdgeValuesOnTheLeasedShard_AreJudgedAsOnEveryOtherPath()
    {
        var leases = new ProducerLeases(1);
        var monitor = NewMonitor(leases, capacity: 64);
        double?[] accepted = [null, 0.0, -0.0, double.Epsilon, 0.5, 1.0];
        double?[] rejected = [-double.Epsilon, Math.BitIncrement(1.0), double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1];

        var ids = DedicatedThread.Run(() =>
        {
            // The first record takes the lease; the ones after it find the thread's own shard at once.
            monitor.RecordPrediction(new Prediction { NumericFeatures = [0, 0, 0, 0, 0] });
            return accepted.Concat(rejected)
                .Select(confidence => monitor.RecordPrediction(new Prediction { NumericFeatures = [1, 2, 3, 4, 5], Confidence = confidence, PredictedClass = "a" }))
                .Append(monitor.RecordPrediction(new Prediction { NumericFeatures = [1, 2, 3, 4, 5], Latency = TimeSpan.FromTicks(-1) }))
                .Append(monitor.RecordPrediction(new Prediction { NumericFeatures = [1, 2, 3, 4, 5], Status = (PredictionStatus)2 }))
                .Append(monitor.RecordPrediction(new Prediction { NumericFeatures = [1, 2, 3, 4], Confidence = 0.5 }))
                .ToArray();
        });

        ids.Take(accepted.Length).ShouldAllBe(id => !id.IsEmpty);
        ids.Skip(accepted.Length).ShouldAllBe(id => id.IsEmpty);
        monitor.Drops.Get(DropReason.InvalidValue).ShouldBe(rejected.Length + 2);
        monitor.Drops.Get(DropReason.SchemaMismatch).ShouldBe(1);
        var shard = monitor.Predictions.Shards[0];
        shard.Claimed.ShouldBe(1 + accepted.Length);
        shard.Release();
        foreach (var confidence in accepted)
        {
            shard.TryPeek(out var position).ShouldBeTrue();
            ref var entry = ref shard[position];
            entry.Has(PredictionEntryFields.Confidence).ShouldBe(confidence.HasValue);
            BitConverter.DoubleToInt64Bits(entry.Confidence).ShouldBe(BitConverter.DoubleToInt64Bits(confidence.GetValueOrDefault()));
            monitor.LabelOf(shard, entry).ShouldBe("a");
            shard.Release();
        }
    }

    [Fact]
    public void Stop_RejectsTheNextRecordOfAThreadAlreadyRecordingIntoItsOwnShard()
    {
        var leases = new ProducerLeases(1);
        var state = new PipelineState();
        var monitor = NewMonitor(leases, capacity: 16, state);

        var ids = DedicatedThread.Run(() =>
        {
            var first = monitor.RecordPrediction(new Prediction { NumericFeatures = [1, 2, 3, 4, 5] });
            var second = monitor.RecordPrediction(new Prediction { NumericFeatures = [1, 2, 3, 4, 5] });
            state.Stop();
            return new[] { first, second, monitor.RecordPrediction(new Prediction { NumericFeatures = [1, 2, 3, 4, 5] }) };
        });

        ids[0].IsEmpty.ShouldBeFalse();
        ids[1].IsEmpty.ShouldBeFalse();
        ids[2].IsEmpty.ShouldBeTrue();
        monitor.Drops.Get(DropReason.Disposed).ShouldBe(1);
        monitor.Predictions.Claimed.ShouldBe(2);
    }

    [Fact]
    public void NewMonitor_OnAStoppedPipeline_RejectsEveryRecordAsDisposed_EvenFromAThreadHoldingALease()
    {
        var leases = new ProducerLeases(1);
        var running = NewMonitor(leases, capacity: 16);
        var state = new PipelineState();
        state.Stop();
        var stopped = NewMonitor(leases, capacity: 16, state);

        var ids = DedicatedThread.Run(() =>
        {
            // The lease belongs to the registry, so this thread holds it for every monitor sharing it.
            running.RecordPrediction(new Prediction { NumericFeatures = [1, 2, 3, 4, 5] }).IsEmpty.ShouldBeFalse();
            return Enumerable.Range(0, 3).Select(_ => stopped.RecordPrediction(new Prediction { NumericFeatures = [1, 2, 3, 4, 5] })).ToArray();
        });

        ids.ShouldAllBe(id => id.IsEmpty);
        stopped.Drops.Get(DropReason.Disposed).ShouldBe(3);
        stopped.Predictions.Claimed.ShouldBe(0);
    }

    private static ModelMonitor NewMonitor(ProducerLeases leases, int capacity, PipelineState? state = null) =>
        new(new ModelSchema("m", "1", "test", ["a", "b", "c", "d", "e"], []), capacity, new CoarseClock(new FakeTimeProvider(TestClock.DefaultStart), TimeSpan.FromMilliseconds(10)), state ?? new PipelineState(), leases: leases);
}
