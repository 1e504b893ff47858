using System.Runtime.CompilerServices;

namespace ModelMonitoring.Buffers;

/// <summary>
/// Hands out a small number of producer leases, each to one thread at a time. The holder of lease
/// <c>i</c> is the only producer of shard <c>i</c> in every <see cref="ShardedRing{T}"/> that uses
/// this registry, so it claims slots there with plain stores instead of a locked compare-and-swap,
/// which drains the store buffer and so costs a sizeable share of a record (see docs/benchmarks.md,
/// "Producer leases").
/// </summary>
/// <remarks>
/// <para>A thread takes a lease on its first record, with one compare-and-swap. A lease is never
/// given back by a live thread; once its thread has ended, the next thread that finds every lease
/// taken takes it over. Threads without a lease record into the shared shards and try again every
/// <see cref="RetryEvery"/> records.</para>
/// <para>A lease's thread has finished every record it started when it is seen dead, and taking the
/// lease over is a compare-and-swap, so the new holder sees the ring positions the old one wrote.</para>
/// </remarks>
internal sealed class ProducerLeases
{
    /// <summary>How many claims a thread without a lease makes before it looks for a free one again.</summary>
    internal const int RetryEvery = 1 << 16;

    /// <summary>How many tokens each registry reserves: every lease index, plus one for "looked, holds none".</summary>
    private const int TokenStride = 1 << 12;

    [ThreadStatic]
    private static Lease? t_lease;

    // The calling thread's lease as one number, so the recording path needs a single thread-static
    // read and one compare (see Token); 0 until the thread first asks any registry.
    [ThreadStatic]
    private static int t_token;

    private static int s_lastBase;

    private readonly Thread?[] _holders;

    public ProducerLeases(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(count, TokenStride);
        _holders = new Thread?[count];
        Base = checked(Interlocked.Add(ref s_lastBase, TokenStride));
    }

    /// <summary>
    /// Gets the calling thread's lease token: <see cref="Base"/> + 1 + the lease index while it holds
    /// lease <c>i</c> of the registry with that base, anything else otherwise. So
    /// <c>(uint)(Token - Base - 1) &lt; Count</c> both tells that the thread holds a lease here and gives
    /// its index; when it fails, ask <see cref="Current"/> (which takes a lease if one is free).
    /// </summary>
    public static int Token
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => t_token;
    }

    /// <summary>Gets this registry's token base, unique among registries (see <see cref="Token"/>).</summary>
    public int Base { get; }

    /// <summary>Gets the registry of the recording rings: one lease per shard, one shard per processor (rounded up to a power of two).</summary>
    public static ProducerLeases Default { get; } = new(ShardedRing<int>.DefaultShardCount);

    public int Count => _holders.Length;

    /// <summary>Gets the calling thread's lease in this registry; its <see cref="Lease.Index"/> is -1 when it holds none.</summary>
    public Lease Current
    {
        get
        {
            var lease = t_lease;
            return lease is not null && lease.Registry == this ? lease : Acquire();
        }
    }

    /// <summary>Gets how many leases are held, by live or ended threads.</summary>
    public int Held
    {
        get
        {
            var held = 0;
            for (var i = 0; i < _holders.Length; i++)
            {
                held += Volatile.Read(ref _holders[i]) is null ? 0 : 1;
            }

            return held;
        }
    }

    /// <summary>Called by a thread without a lease: counts a claim, and looks for a free lease once every <see cref="RetryEvery"/> claims.</summary>
    public void CountUnleasedClaim(Lease lease)
    {
        if (++lease.UnleasedClaims >= RetryEvery)
        {
            lease.UnleasedClaims = 0;
            lease.Index = TryTake(Thread.CurrentThread);
        }
    }

    private Lease Acquire()
    {
        // A thread holds a lease in one registry at a time; only tests create more than the default one.
        var lease = new Lease(this, TryTake(Thread.CurrentThread));
        t_lease = lease;
        return lease;
    }

    private static void Publish(Lease lease) => t_token = lease.Registry.Base + 1 + lease.Index;

    private int TryTake(Thread thread)
    {
        // A thread that moved to another registry and back still holds its old lease here.
        for (var i = 0; i < _holders.Length; i++)
        {
            if (Volatile.Read(ref _holders[i]) == thread)
            {
                return i;
            }
        }

        for (var i = 0; i < _holders.Length; i++)
        {
            if (Volatile.Read(ref _holders[i]) is null && Interlocked.CompareExchange(ref _holders[i], thread, null) is null)
            {
                return i;
            }
        }

        for (var i = 0; i < _holders.Length; i++)
        {
            var holder = Volatile.Read(ref _holders[i]);
            if (holder is not null && !holder.IsAlive && Interlocked.CompareExchange(ref _holders[i], thread, holder) == holder)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A thread's lease: the shard it alone produces into, or -1. Created and changed only by its own thread.</summary>
    internal sealed class Lease
    {
        private int _index;

        public Lease(ProducerLeases registry, int index)
        {
            Registry = registry;
            Index = index;
        }

        public ProducerLeases Registry { get; }

        public int Index
        {
            get => _index;
            set
            {
                _index = value;
                Publish(this);
            }
        }

        public int UnleasedClaims { get; set; }
    }
}
