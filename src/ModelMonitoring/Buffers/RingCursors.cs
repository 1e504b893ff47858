using System.Runtime.InteropServices;

namespace ModelMonitoring.Buffers;

/// <summary>
/// The producer side (tail, and the single producer's copy of the head) and the consumer side
/// (head, and its copy of the tail), each alone on its pair of cache lines, so that neither side's
/// writes evict the other's reads.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 384)]
internal struct RingCursors
{
    [FieldOffset(128)]
    public long Tail;

    [FieldOffset(136)]
    public long CachedHead;

    [FieldOffset(256)]
    public long Head;

    [FieldOffset(264)]
    public long CachedTail;
}
