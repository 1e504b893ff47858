using System.Runtime.CompilerServices;

namespace ModelMonitoring.Buffers;

/// <summary>
/// The class labels one shard's producer has recorded, so that a slot can hold a label as a one-byte
/// code: storing a string reference into a ring slot needs the GC's write barrier, a call that also
/// makes the recording path save and restore more registers. Classifiers have few labels and pass
/// the same string instances (from the model's class list) again and again.
/// </summary>
/// <remarks>
/// Only the shard's single producer adds labels, before it publishes the slot that uses the new code;
/// the consumer reads a code's label after it has seen that slot published. Labels are never removed
/// or replaced, so a code means the same label for the life of the ring. Labels are told apart by
/// reference, which is what a lookup can afford: a label built anew for every prediction takes one
/// entry per instance until the table is full, and from then on every label not in the table is
/// stored in the slot as a reference. A table is a mutable struct held inside the recording path's
/// per-lease data, so a lookup reads the labels without following a reference: use it by reference.
/// </remarks>
internal struct ClassLabelTable
{
    /// <summary>How many labels a table holds.</summary>
    public const int Capacity = 16;

    private Labels _labels;
    private int _count;

    /// <summary>Gets the code of <paramref name="label"/> when this very instance is in the table.</summary>
    /// <remarks>A found/not-found result (rather than a code of 0 for "not found") lets the recording path branch on it without testing the code again.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool TryFind(string label, out int code)
    {
        ReadOnlySpan<string?> labels = _labels;
        for (var i = 0; i < labels.Length; i++)
        {
            var known = labels[i];
            if (ReferenceEquals(known, label))
            {
                code = i + 1;
                return true;
            }

            if (known is null)
            {
                break;
            }
        }

        code = 0;
        return false;
    }

    /// <summary>Producer only: adds <paramref name="label"/> and returns its code, or returns 0 when the table is full.</summary>
    /// <remarks>Callers add a label only after <see cref="TryFind"/> has not found it, so an instance is added once.</remarks>
    public byte Add(string label)
    {
        if (_count == Capacity)
        {
            return 0;
        }

        Volatile.Write(ref _labels[_count], label);
        return (byte)++_count;
    }

    /// <summary>Gets the label of a code from a published slot.</summary>
    public string LabelOf(byte code) => Volatile.Read(ref _labels[code - 1])!;

    /// <summary>The labels, inline so that a lookup reads no array header.</summary>
    [InlineArray(Capacity)]
    private struct Labels
    {
        private string? _element;
    }
}
