using System.Numerics;
using System.Runtime.CompilerServices;

namespace ModelMonitoring.Buffers;

/// <summary>
/// Several <see cref="RingBuffer{T}"/> shards chosen by the current processor, so that producers on
/// different cores rarely touch the same cache lines. A producer tries its own shard first and the
/// others only when it is full. Each shard can carry side arrays of per-slot feature values.
/// </summary>
internal sealed class ShardedRing<T>
    where T : struct
{
    private readonly RingBuffer<T>[] _shards;
    private readonly int _mask;

    public ShardedRing(int totalCapacity, int numericWidth = 0, int categoricalWidth = 0, int? shardCount = null)
    {
        var shards = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(shardCount ?? Environment.ProcessorCount, 1, 64));
        var perShard = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(2, (totalCapacity + shards - 1) / shards));
        _shards = new RingBuffer<T>[shards];
        for (var i = 0; i < shards; i++)
        {
            _shards[i] = new RingBuffer<T>(perShard, numericWidth, categoricalWidth, i);
        }

        _mask = shards - 1;
        ShardBits = BitOperations.Log2((uint)shards);
    }

    public IReadOnlyList<RingBuffer<T>> Shards => _shards;

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

    /// <summary>Claims a slot in the calling thread's shard, or in another when that one is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryClaim(out RingBuffer<T> shard, out long position)
    {
        shard = _shards[ShardIndex.Current & _mask];
        return shard.TryClaim(out position) || TryClaimElsewhere(ref shard, out position);
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
