using System.Numerics;
using System.Runtime.CompilerServices;

namespace ModelMonitoring.Buffers;

/// <summary>
/// Several <see cref="RingBuffer{T}"/> shards, so that producers on different cores rarely touch the
/// same cache lines. Each shard can carry side arrays of per-slot feature values.
/// </summary>
/// <remarks>
/// <para>Without leases, every shard takes claims from any thread (a compare-and-swap each): a
/// producer tries the shard of its <see cref="ShardIndex"/> first and the others only when it is full.</para>
/// <para>With <see cref="ProducerLeases"/>, shard <c>i</c> (for each lease <c>i</c>) takes claims only
/// from the lease's holder, with plain stores, and one last shard is shared by compare-and-swap: threads
/// without a lease record there, and a holder whose own shard is full overflows there. A thread can
/// therefore fill only its own shard and the shared one before its records are dropped, and the shard
/// of a lease whose holder has stopped recording stays unused until the holder ends.</para>
/// </remarks>
internal sealed class ShardedRing<T>
    where T : struct
{
    private readonly RingBuffer<T>[] _shards;
    private readonly RingBuffer<T>[] _leased;
    private readonly int _mask;
    private readonly ProducerLeases? _leases;
    private readonly int _leasedShards;

    public ShardedRing(int totalCapacity, int numericWidth = 0, int categoricalWidth = 0, int? shardCount = null, ProducerLeases? leases = null)
    {
        _leases = leases;
        _leasedShards = leases?.Count ?? 0;
        var shards = leases is null
            ? (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(shardCount ?? DefaultShardCount, 1, 64))
            : _leasedShards + 1;
        var perShard = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(2, (totalCapacity + shards - 1) / shards));
        _shards = new RingBuffer<T>[shards];
        for (var i = 0; i < shards; i++)
        {
            _shards[i] = new RingBuffer<T>(perShard, numericWidth, categoricalWidth, i, singleProducer: i < _leasedShards);
        }

        _leased = _shards[.._leasedShards];
        _mask = shards - 1;
        ShardBits = BitOperations.Log2(BitOperations.RoundUpToPowerOf2((uint)shards));
    }

    /// <summary>Gets the number of shards of a ring without leases: the processor count rounded up to a power of two, at most 64.</summary>
    public static int DefaultShardCount { get; } = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Environment.ProcessorCount, 1, 64));

    public IReadOnlyList<RingBuffer<T>> Shards => _shards;

    /// <summary>Gets the shards of the leases, by lease index (empty without leases): the recording path's direct view of <see cref="LeasedShard"/>.</summary>
    public RingBuffer<T>[] LeasedShards => _leased;

    /// <summary>Gets the lease registry, or <see langword="null"/>.</summary>
    public ProducerLeases? Leases => _leases;

    /// <summary>Gets how many bits of a shard number there are (the shard count rounded up to a power of two).</summary>
    public int ShardBits { get; }

    public long Capacity => (long)_shards.Length * _shards[0].Capacity;

    public long Claimed
    {
        get
        {
            long total = 0;
            foreach (var shard in _shards)
            {
                total += shard.Claimed;
            }

            return total;
        }
    }

    public long Count
    {
        get
        {
            long total = 0;
            foreach (var shard in _shards)
            {
                total += shard.Count;
            }

            return total;
        }
    }

    /// <summary>Claims a slot in the calling thread's shard, or in another when that one is full (or, with leases, when the thread holds none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryClaim(out RingBuffer<T> shard, out long position)
    {
        if (_leases is not null)
        {
            var leased = LeasedShard();
            if (leased is not null && leased.TryClaimExclusive(out position))
            {
                shard = leased;
                return true;
            }

            return TryClaimShared(out shard, out position);
        }

        shard = _shards[ShardIndex.Current & _mask];
        return shard.TryClaim(out position) || TryClaimElsewhere(ref shard, out position);
    }

    /// <summary>
    /// Gets the shard the calling thread alone produces into (claim with <see cref="RingBuffer{T}.TryClaimExclusive"/>),
    /// or <see langword="null"/> when it holds no lease; then (or when that shard is full) use <see cref="TryClaimShared"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public RingBuffer<T>? LeasedShard()
    {
        var index = _leases!.Current.Index;
        var leased = _leased;
        return (uint)index < (uint)leased.Length ? leased[index] : null;
    }

    /// <summary>Claims a slot in the shared shard of a ring with leases, by compare-and-swap.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public bool TryClaimShared(out RingBuffer<T> shard, out long position)
    {
        var lease = _leases!.Current;
        if (lease.Index < 0)
        {
            _leases.CountUnleasedClaim(lease);
        }

        shard = _shards[_leasedShards];
        return shard.TryClaim(out position);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryClaimElsewhere(ref RingBuffer<T> shard, out long position)
    {
        foreach (var other in _shards)
        {
            if (other != shard && other.TryClaim(out position))
            {
                shard = other;
                return true;
            }
        }

        position = 0;
        return false;
    }
}
