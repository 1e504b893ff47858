using ModelMonitoring.Buffers;

namespace ModelMonitoring.Tests.Buffers;

// Each test uses its own registry, so leases held by other tests' threads do not interfere.
public class ProducerLeasesTests
{
    [Fact]
    public void Current_FirstUse_TakesAFreeLeaseAndKeepsIt()
    {
        var leases = new ProducerLeases(2);

        var (first, again) = DedicatedThread.Run(() => (leases.Current.Index, leases.Current.Index));

        first.ShouldBe(0);
        again.ShouldBe(0);
        leases.Held.ShouldBe(1);
    }

    [Fact]
    public void Current_MoreThreadsThanLeases_LateThreadsHoldNone()
    {
        var leases = new ProducerLeases(2);
        using var holders = new HeldThreads(leases, 2);

        var late = DedicatedThread.Run(() => leases.Current.Index);

        holders.Indexes.ShouldBe([0, 1], ignoreOrder: true);
        late.ShouldBe(-1);
    }

    [Fact]
    public void Current_HolderHasEnded_NextThreadTakesItsLeaseOver()
    {
        var leases = new ProducerLeases(1);
        DedicatedThread.Run(() => leases.Current.Index).ShouldBe(0);

        var next = DedicatedThread.Run(() => leases.Current.Index);

        next.ShouldBe(0);
        leases.Held.ShouldBe(1);
    }

    [Fact]
    public void Token_GivesTheHoldersIndexInItsRegistryAndNothingInAnother()
    {
        var first = new ProducerLeases(2);
        var second = new ProducerLeases(2);
        using var other = new HeldThreads(first, 1);

        var (inFirst, inSecond, afterSwitch) = DedicatedThread.Run(() =>
        {
            _ = first.Current;
            var token = ProducerLeases.Token;
            var inFirst = (uint)(token - first.Base - 1);
            var inSecond = (uint)(token - second.Base - 1);
            _ = second.Current;
            var afterSwitch = (uint)(ProducerLeases.Token - second.Base - 1);
            return (inFirst, inSecond, afterSwitch);
        });

        inFirst.ShouldBe(1u);
        inSecond.ShouldBeGreaterThanOrEqualTo((uint)second.Count);
        afterSwitch.ShouldBe(0u);
    }

    [Fact]
    public void Token_ThreadWithoutALease_IsOutsideEveryIndex()
    {
        var leases = new ProducerLeases(1);
        using var holder = new HeldThreads(leases, 1);

        var index = DedicatedThread.Run(() =>
        {
            leases.Current.Index.ShouldBe(-1);
            return (uint)(ProducerLeases.Token - leases.Base - 1);
        });

        index.ShouldBeGreaterThanOrEqualTo((uint)leases.Count);
    }

    [Fact]
    public void CountUnleasedClaim_AfterAHolderEnds_TakesTheLeaseWithinRetryEvery()
    {
        var leases = new ProducerLeases(1);
        var holder = new HeldThreads(leases, 1);
        using var proceed = new ManualResetEventSlim();
        using var unleased = new ManualResetEventSlim();
        var indexes = new List<int>();
        var waiter = new Thread(() =>
        {
            var lease = leases.Current;
            indexes.Add(lease.Index);
            unleased.Set();
            proceed.Wait();
            for (var i = 0; i < ProducerLeases.RetryEvery && lease.Index < 0; i++)
            {
                leases.CountUnleasedClaim(lease);
            }

            indexes.Add(lease.Index);
        });
        waiter.Start();
        unleased.Wait();

        holder.Dispose();
        proceed.Set();
        waiter.Join();

        indexes.ShouldBe([-1, 0]);
    }

    /// <summary>Threads that take a lease each and stay alive until disposed.</summary>
    private sealed class HeldThreads : IDisposable
    {
        private readonly ManualResetEventSlim _release = new();
        private readonly Thread[] _threads;

        public HeldThreads(ProducerLeases leases, int count)
        {
            var indexes = new int[count];
            using var ready = new CountdownEvent(count);
            _threads = Enumerable.Range(0, count).Select(i => new Thread(() =>
            {
                indexes[i] = leases.Current.Index;
                ready.Signal();
                _release.Wait();
            })).ToArray();
            foreach (var thread in _threads)
            {
                thread.Start();
            }

            ready.Wait();
            Indexes = indexes;
        }

        public int[] Indexes { get; }

        public void Dispose()
        {
            _release.Set();
            foreach (var thread in _threads)
            {
                thread.Join();
            }

            _release.Dispose();
        }
    }
}
