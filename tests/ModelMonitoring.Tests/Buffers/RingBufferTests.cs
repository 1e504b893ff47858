using ModelMonitoring.Buffers;

namespace ModelMonitoring.Tests.Buffers;

public class RingBufferTests
{
    [Fact]
    public void TryClaim_WhenFull_ReturnsFalseUntilConsumerReleases()
    {
        var ring = new RingBuffer<long>(4);
        for (var i = 0; i < 4; i++)
        {
            ring.TryClaim(out var position).ShouldBeTrue();
            ring[position] = i;
            ring.Publish(position);
        }

        ring.TryClaim(out _).ShouldBeFalse();
        ring.TryPeek(out var head).ShouldBeTrue();
        ring[head].ShouldBe(0);
        ring.Release();

        ring.TryClaim(out var reused).ShouldBeTrue();
        reused.ShouldBe(4);
        ring.Count.ShouldBe(4);
    }

    [Fact]
    public void TryPeek_ClaimedButUnpublishedSlot_IsNotVisible()
    {
        var ring = new RingBuffer<long>(4);
        ring.TryClaim(out var position).ShouldBeTrue();

        ring.TryPeek(out _).ShouldBeFalse();
        ring.Publish(position);
        ring.TryPeek(out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Ring_ManyWraps_PreservesOrderAndValues(bool singleProducer)
    {
        var ring = new RingBuffer<long>(8, singleProducer: singleProducer);
        long next = 0;
        for (var round = 0; round < 1000; round++)
        {
            for (var i = 0; i < 5; i++)
            {
                (singleProducer ? ring.TryClaimExclusive(out var position) : ring.TryClaim(out position)).ShouldBeTrue();
                ring[position] = (round * 5) + i;
                ring.Publish(position);
            }

            while (ring.TryPeek(out var head))
            {
                ring[head].ShouldBe(next++);
                ring.Release();
            }
        }

        next.ShouldBe(5000);
        ring.Claimed.ShouldBe(5000);
        ring.Released.ShouldBe(5000);
    }

    [Fact]
    public async Task ConcurrentProducers_EveryPublishedValueIsConsumedExactlyOnce()
    {
        const int producers = 4;
        const int perProducer = 50_000;
        var ring = new RingBuffer<long>(1024);
        var seen = new bool[producers * perProducer];
        var rejected = 0L;
        var tasks = Enumerable.Range(0, producers).Select(p => Task.Run(() =>
        {
            for (var i = 0; i < perProducer; i++)
            {
                if (ring.TryClaim(out var position))
                {
                    ring[position] = ((long)p * perProducer) + i;
                    ring.Publish(position);
                }
                else
                {
                    Interlocked.Increment(ref rejected);
                }
            }
        })).ToArray();

        long consumed = 0;
        var all = Task.WhenAll(tasks);
        while (!all.IsCompleted || ring.Count > 0)
        {
            while (ring.TryPeek(out var head))
            {
                var value = ring[head];
                seen[value].ShouldBeFalse();
                seen[value] = true;
                ring.Release();
                consumed++;
            }
        }

        await all;
        (consumed + rejected).ShouldBe(producers * perProducer);
        ring.Claimed.ShouldBe(consumed);
    }
}
