namespace ModelMonitoring.Buffers;

/// <summary>
/// Gives each recording thread a fixed shard number (handed out round-robin on first use), so that
/// threads spread over shards without asking the OS which processor they run on, a call that is
/// slow on virtual machines (see docs/benchmarks.md, "Processor number").
/// </summary>
internal static class ShardIndex
{
    [ThreadStatic]
    private static int t_index;
    private static int s_next;

    public static int Current
    {
        get
        {
            var index = t_index;
            return index != 0 ? index : Assign();
        }
    }

    private static int Assign() => t_index = (Interlocked.Increment(ref s_next) & 0x3FFF_FFFF) | 0x4000_0000;
}
