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
    private readonly Shard[] _shards;
    private readonly int _mask;

    public ShardedRing(int totalCapacity, int numericWidth = 0, int categoricalWidth = 0, int? shardCount = null)
    {
        var shards = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(shardCount ?? Environment.ProcessorCount, 1, 64));
        var perShard = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(2, (totalCapacity + shards - 1) / shards));
        _shards = new Shard[shards];
        for (var i = 0; i < shards; i++)
        {
            _shards[i] = new Shard(i, perShard, numericWidth, categoricalWidth);
        }

        _mask = shards - 1;
        ShardBits = BitOperations.Log2((uint)shards);
    }

    public IReadOnlyList<Shard> Shards => _shards;

    public int ShardBits { get; }

    public long Capacity => (long)_shards.Length * _shards[0].Ring.Capacity;

    public long Claimed
    {
        get
        {
            long total = 0;
            foreach (var shard in _shards)
            {
                total += shard.Ring.Claimed;
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
                total += shard.Ring.Count;
            }

            return total;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryClaim(out Shard shard, out long position)
    {
        var shards = _shards;
        var start = ShardIndex.Current;
        for (var i = 0; i < shards.Length; i++)
        {
            shard = shards[(start + i) & _mask];
            if (shard.Ring.TryClaim(out position))
            {
                return true;
            }
        }

        shard = null!;
        position = 0;
        return false;
    }

    internal sealed class Shard
    {
        public Shard(int index, int capacity, int numericWidth, int categoricalWidth)
        {
            Index = index;
            Ring = new RingBuffer<T>(capacity);
            NumericWidth = numericWidth;
            CategoricalWidth = categoricalWidth;
            Numeric = new double[capacity * numericWidth];
            Categorical = new string?[capacity * categoricalWidth];
        }

        public int Index { get; }

        public RingBuffer<T> Ring { get; }

        public int NumericWidth { get; }

        public int CategoricalWidth { get; }

        public double[] Numeric { get; }

        public string?[] Categorical { get; }

        public Span<double> NumericAt(long position) => Numeric.AsSpan(Ring.IndexOf(position) * NumericWidth, NumericWidth);

        public Span<string?> CategoricalAt(long position) => Categorical.AsSpan(Ring.IndexOf(position) * CategoricalWidth, CategoricalWidth);
    }
}
