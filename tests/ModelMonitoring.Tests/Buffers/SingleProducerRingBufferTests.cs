using ModelMonitoring.Buffers;

namespace ModelMonitoring.Tests.Buffers;

// The single-producer protocol: claims compare the tail with the producer's copy of the head (refreshed
// only when that copy says the ring is full), and publishing advances the tail. Wrapping around is
// tested for both protocols in RingBufferTests.
public class SingleProducerRingBufferTests
{
    [Fact]
    public void TryClaimExclusive_WhenFull_FailsUntilTheConsumerReleases()
    {
        var ring = new RingBuffer<long>(4, singleProducer: true);
        for (var i = 0; i < 4; i++)
        {
            ring.TryClaimExclusive(out var position).ShouldBeTrue();
            position.ShouldBe(i);
            ring[position] = i;
            ring.Publish(position);
        }

        ring.TryClaimExclusive(out _).ShouldBeFalse();
        ring.TryPeek(out var head).ShouldBeTrue();
        ring[head].ShouldBe(0);
        ring.Release();

        ring.TryClaimExclusive(out var reused).ShouldBeTrue();
        reused.ShouldBe(4);
        ring.Claimed.ShouldBe(4);
        ring.Count.ShouldBe(3);
    }

    [Fact]
    public void PeekFreeSlotExclusive_ClaimsNothingUntilPublished()
    {
        var ring = new RingBuffer<long>(4, singleProducer: true);

        ref var slot = ref ring.PeekFreeSlotExclusive(out var position);
        slot.Item = 42;
        ring.TryPeek(out _).ShouldBeFalse();
        ring.Claimed.ShouldBe(0);
        ring.PeekFreeSlotExclusive(out var again);
        again.ShouldBe(position);

        ring.PublishExclusive(position);
        ring.Claimed.ShouldBe(1);
        ring.TryPeek(out var head).ShouldBeTrue();
        ring[head].ShouldBe(42);
    }

    [Fact]
    public void Release_ClearsTheSlotForTheNextLap()
    {
        var ring = new RingBuffer<KeyValuePair<string, long>>(2, singleProducer: true);
        ring.TryClaimExclusive(out var position).ShouldBeTrue();
        ring[position] = new("kept until released", 1);
        ring.Publish(position);

        ring.TryPeek(out _).ShouldBeTrue();
        ring.Release();

        ring[position].Key.ShouldBeNull();
    }

    [Fact]
    public async Task ProducerAndConsumerOnTwoThreads_EveryValueArrivesOnceInOrder()
    {
        const int values = 200_000;
        var ring = new RingBuffer<long>(64, singleProducer: true);
        var rejected = 0L;
        var producer = Task.Factory.StartNew(
            () =>
            {
                for (var i = 0; i < values; i++)
                {
                    if (ring.TryClaimExclusive(out var position))
                    {
                        ring[position] = i;
                        ring.Publish(position);
                    }
                    else
                    {
                        rejected++;
                    }
                }
            },
            TaskCreationOptions.LongRunning);

        var received = new List<long>();
        while (!producer.IsCompleted || ring.Count > 0)
        {
            while (ring.TryPeek(out var head))
            {
                received.Add(ring[head]);
                ring.Release();
            }
        }

        await producer;
        (received.Count + rejected).ShouldBe(values);
        received.ShouldBe(received.Order());
        received.Distinct().Count().ShouldBe(received.Count);
        ring.Claimed.ShouldBe(received.Count);
    }
}
