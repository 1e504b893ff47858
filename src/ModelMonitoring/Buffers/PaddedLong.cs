using System.Runtime.InteropServices;

namespace ModelMonitoring.Buffers;

/// <summary>A counter alone on its cache line (with room for the adjacent-line prefetcher), so writers of neighbouring fields do not contend with it.</summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedLong
{
    [FieldOffset(64)]
    public long Value;
}
