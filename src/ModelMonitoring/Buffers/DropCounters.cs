using ModelMonitoring.Recording;

namespace ModelMonitoring.Buffers;

/// <summary>
/// Counts dropped records by reason, striped by processor so that threads dropping at the same
/// time (an overloaded pipeline) do not all contend on one cache line.
/// </summary>
internal sealed class DropCounters
{
    // 16 longs = 128 bytes per stripe: one stripe never shares a cache line (or its prefetch pair) with another.
    private const int StripeWidth = 16;
    // Values need not be contiguous (members are added at fixed values), so the totals cover 0 to the largest.
    private static readonly int ReasonCount = (int)Enum.GetValues<DropReason>().Max() + 1;
    private readonly long[] _counts;
    private readonly int _mask;

    public DropCounters()
    {
        var stripes = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Environment.ProcessorCount, 1, 64));
        _mask = stripes - 1;
        _counts = new long[stripes * StripeWidth];
    }

    public void Increment(DropReason reason) =>
        Interlocked.Increment(ref _counts[((ShardIndex.Current & _mask) * StripeWidth) + (int)reason]);

    public void Add(DropReason reason, long count) =>
        Interlocked.Add(ref _counts[((ShardIndex.Current & _mask) * StripeWidth) + (int)reason], count);

    public long Get(DropReason reason)
    {
        long total = 0;
        for (var i = (int)reason; i < _counts.Length; i += StripeWidth)
        {
            total += Volatile.Read(ref _counts[i]);
        }

        return total;
    }

    public void AddTo(long[] totals)
    {
        for (var reason = 0; reason < ReasonCount; reason++)
        {
            totals[reason] += Get((DropReason)reason);
        }
    }

    public static long[] NewTotals() => new long[ReasonCount];
}
