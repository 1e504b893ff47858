using ModelMonitoring.Buffers;

namespace ModelMonitoring.Tests.Buffers;

public class ShardedRingLeaseTests
{
    [Fact]
    public void TryClaim_LeaseHolder_FillsItsOwnShardThenTheSharedOne()
    {
        var leases = new ProducerLeases(2);
        var ring = new ShardedRing<long>(12, leases: leases);
        ring.Shards.Count.ShouldBe(3);
        ring.Shards[0].Capacity.ShouldBe(4);

        var shards = DedicatedThread.Run(() => ClaimAll(ring, 10));

        // Lease 0: its own 4 slots, then the shared shard's 4, then drops; the other lease's shard is never touched.
        shards.ShouldBe([0, 0, 0, 0, 2, 2, 2, 2, -1, -1]);
        ring.Claimed.ShouldBe(8);
        ring.Shards[1].Claimed.ShouldBe(0);
    }

    [Fact]
    public void TryClaim_ThreadWithoutLease_UsesOnlyTheSharedShard()
    {
        var leases = new ProducerLeases(1);
        var ring = new ShardedRing<long>(4, leases: leases);
        using var release = new ManualResetEventSlim();
        using var leased = new ManualResetEventSlim();
        var holder = new Thread(() =>
        {
            _ = leases.Current;
            leased.Set();
            release.Wait();
        });
        holder.Start();
        leased.Wait();

        var shards = DedicatedThread.Run(() => ClaimAll(ring, 3));
        release.Set();
        holder.Join();

        shards.ShouldBe([1, 1, -1]);
    }

    [Fact]
    public void TryClaim_LeaseTakenOverAfterItsThreadEnded_ContinuesAfterTheLastClaimedPosition()
    {
        var leases = new ProducerLeases(1);
        var ring = new ShardedRing<long>(16, leases: leases);
        DedicatedThread.Run(() => Produce(ring, first: 0, count: 3));
        Consume(ring).ShouldBe([0, 1, 2]);

        DedicatedThread.Run(() => Produce(ring, first: 3, count: 5));

        leases.Held.ShouldBe(1);
        ring.Shards[0].Claimed.ShouldBe(8);
        Consume(ring).ShouldBe([3, 4, 5, 6, 7]);
    }

    [Fact]
    public async Task ManyThreadsFewLeasesSmallRing_EveryAcceptedValueIsConsumedExactlyOnce()
    {
        const int threads = 8;
        const int perThread = 50_000;
        var leases = new ProducerLeases(2);
        var ring = new ShardedRing<long>(64, leases: leases);
        var seen = new bool[threads * perThread];
        var rejected = 0L;
        using var start = new Barrier(threads);
        var producers = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < perThread; i++)
            {
                if (ring.TryClaim(out var shard, out var position))
                {
                    shard[position] = ((long)t * perThread) + i;
                    shard.Publish(position);
                }
                else
                {
                    Interlocked.Increment(ref rejected);
                }
            }
        }, TaskCreationOptions.LongRunning)).ToArray();

        long consumed = 0;
        var all = Task.WhenAll(producers);
        while (!all.IsCompleted || ring.Count > 0)
        {
            foreach (var shard in ring.Shards)
            {
                while (shard.TryPeek(out var head))
                {
                    var value = shard[head];
                    seen[value].ShouldBeFalse();
                    seen[value] = true;
                    shard.Release();
                    consumed++;
                }
            }
        }

        await all;
        (consumed + rejected).ShouldBe(threads * perThread);
        ring.Claimed.ShouldBe(consumed);
        leases.Held.ShouldBe(2);
    }

    private static int[] ClaimAll(ShardedRing<long> ring, int count)
    {
        var shards = new int[count];
        for (var i = 0; i < count; i++)
        {
            shards[i] = ring.TryClaim(out var shard, out var position) ? shard.Index : -1;
            if (shards[i] >= 0)
            {
                shard.Publish(position);
            }
        }

        return shards;
    }

    private static bool Produce(ShardedRing<long> ring, long first, int count)
    {
        for (var i = 0; i < count; i++)
        {
            ring.TryClaim(out var shard, out var position).ShouldBeTrue();
            shard.Index.ShouldBe(0);
            shard[position] = first + i;
            shard.Publish(position);
        }

        return true;
    }

    private static List<long> Consume(ShardedRing<long> ring)
    {
        var values = new List<long>();
        foreach (var shard in ring.Shards)
        {
            while (shard.TryPeek(out var head))
            {
                values.Add(shard[head]);
                shard.Release();
            }
        }

        return values;
    }
}
