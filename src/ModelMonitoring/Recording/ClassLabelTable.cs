using System.Runtime.CompilerServices;

namespace ModelMonitoring.Recording;

/// <summary>
/// The class labels one monitor has seen, so that a ring slot can hold a small code instead of a
/// string reference: storing a reference into the (long-lived) ring costs a GC write barrier, about
/// 4 ns of a recording. Classifiers have few labels, usually the same string instances every time.
/// </summary>
/// <remarks>
/// Direct-mapped and write-once: a label's cell is chosen from its length and end characters, the
/// first label to reach an empty cell keeps it for the monitor's lifetime (by compare-and-swap),
/// and a label whose cell holds a different one gets code 0 and is stored as a reference instead.
/// So a code always means the same label, and memory is bounded by <see cref="Size"/> strings.
/// </remarks>
internal sealed class ClassLabelTable
{
    internal const int Size = 32;
    private readonly string?[] _labels = new string?[Size];

    /// <summary>Gets the label of a code from <see cref="CodeOf"/>, or <see langword="null"/> for code 0.</summary>
    public string? this[int code] => code == 0 ? null : Volatile.Read(ref _labels[code - 1]);

    /// <summary>Returns the label's code (1 to <see cref="Size"/>), or 0 when it has to be stored as a reference.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CodeOf(string label)
    {
        if (label.Length == 0)
        {
            return 0;
        }

        var cell = (label.Length + (label[0] * 7) + (label[^1] * 31)) & (Size - 1);
        return ReferenceEquals(Volatile.Read(ref _labels[cell]), label) ? cell + 1 : CodeOfOther(label, cell);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int CodeOfOther(string label, int cell)
    {
        var known = Volatile.Read(ref _labels[cell]) ?? Interlocked.CompareExchange(ref _labels[cell], label, null) ?? label;

        // An equal label in another string instance (for example one read from a request) shares the code.
        return string.Equals(known, label, StringComparison.Ordinal) ? cell + 1 : 0;
    }
}
