using System.Runtime.CompilerServices;

namespace ModelMonitoring.Buffers;

/// <summary>
/// A bounded, lock-free ring for many producers and one consumer (Vyukov's bounded queue with a
/// sequence number per slot). A producer claims a position with one compare-and-swap, writes the
/// slot in place and publishes it; when the ring is full the claim fails at once and the caller
/// counts a drop. Slots are structs written in place, so nothing is allocated per record.
/// </summary>
/// <remarks>
/// A ring can carry side arrays of feature values laid out like its slots (<see cref="NumericAt"/>,
/// <see cref="CategoricalAt"/>), so variable-width records still need no allocation.
/// </remarks>
/// <typeparam name="T">The slot payload.</typeparam>
internal sealed class RingBuffer<T>
    where T : struct
{
    private readonly Slot[] _slots;
    private readonly int _mask;
    private PaddedLong _tail;
    private long _head;

    public RingBuffer(int capacity, int numericWidth = 0, int categoricalWidth = 0, int index = 0)
    {
        if (capacity < 2 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "Capacity must be a power of two, at least 2.");
        }

        _slots = new Slot[capacity];
        _mask = capacity - 1;
        Index = index;
        NumericWidth = numericWidth;
        CategoricalWidth = categoricalWidth;
        Numeric = new double[capacity * numericWidth];
        Categorical = new string?[capacity * categoricalWidth];
        for (var i = 0; i < capacity; i++)
        {
            _slots[i].Sequence = i;
        }
    }

    public int Capacity => _slots.Length;

    /// <summary>Gets the ring's number among its shards.</summary>
    public int Index { get; }

    public int NumericWidth { get; }

    public int CategoricalWidth { get; }

    public double[] Numeric { get; }

    public string?[] Categorical { get; }

    /// <summary>Gets how many positions producers have claimed since creation (accepted records).</summary>
    public long Claimed => Volatile.Read(ref _tail.Value);

    /// <summary>Gets how many records the consumer has released.</summary>
    public long Released => Volatile.Read(ref _head);

    /// <summary>Gets how many claimed records the consumer has not released yet.</summary>
    public long Count => Claimed - Released;

    /// <summary>Claims the next free slot. Returns <see langword="false"/> at once when the ring is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryClaim(out long position)
    {
        var slots = _slots;
        var pos = Volatile.Read(ref _tail.Value);
        while (true)
        {
            ref var slot = ref slots[(int)pos & _mask];
            var difference = Volatile.Read(ref slot.Sequence) - pos;
            if (difference == 0)
            {
                var observed = Interlocked.CompareExchange(ref _tail.Value, pos + 1, pos);
                if (observed == pos)
                {
                    position = pos;
                    return true;
                }

                pos = observed;
            }
            else if (difference < 0)
            {
                position = 0;
                return false;
            }
            else
            {
                pos = Volatile.Read(ref _tail.Value);
            }
        }
    }

    /// <summary>
    /// Claims the next free slot for the ring's only producer (see <see cref="ProducerLeases"/>): no
    /// other thread writes the tail, so a plain read and a release store replace the compare-and-swap.
    /// Never mix with <see cref="TryClaim(out long)"/> on one ring.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryClaimExclusive(out long position)
    {
        if (!TryPeekFreeExclusive(out position))
        {
            return false;
        }

        CommitExclusive(position);
        return true;
    }

    /// <summary>
    /// The first half of <see cref="TryClaimExclusive"/>: gets the next position when its slot is free,
    /// without claiming it. Until <see cref="CommitExclusive"/>, the only producer may write the slot's
    /// side values (nobody reads them) and still walk away, as if it had never looked.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryPeekFreeExclusive(out long position)
    {
        var pos = _tail.Value;
        position = pos;

        // The consumer frees a slot by advancing its sequence to pos; anything else means the ring is full.
        return Volatile.Read(ref _slots[(int)pos & _mask].Sequence) == pos;
    }

    /// <summary>The second half of <see cref="TryClaimExclusive"/>: claims the position from <see cref="TryPeekFreeExclusive"/>.</summary>
    /// <remarks>A release store, before the slot's publish (a later release store), so <see cref="Claimed"/> never lags a published record.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CommitExclusive(long position) => Volatile.Write(ref _tail.Value, position + 1);

    /// <summary>Gets the payload of a claimed (producer) or peeked (consumer) position.</summary>
    public ref T this[long position]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _slots[(int)position & _mask].Item;
    }

    /// <summary>Gets the slot index of a position, for side arrays laid out like the ring.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int IndexOf(long position) => (int)position & _mask;

    /// <summary>Gets the numeric side values of a position.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<double> NumericAt(long position) => Numeric.AsSpan(((int)position & _mask) * NumericWidth, NumericWidth);

    /// <summary>Gets the categorical side values of a position.</summary>
    public Span<string?> CategoricalAt(long position) => Categorical.AsSpan(((int)position & _mask) * CategoricalWidth, CategoricalWidth);

    /// <summary>Makes a claimed slot visible to the consumer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long position) => Volatile.Write(ref _slots[(int)position & _mask].Sequence, position + 1);

    /// <summary>Consumer only: gets the oldest published position, if any.</summary>
    public bool TryPeek(out long position)
    {
        position = _head;
        return Volatile.Read(ref _slots[(int)position & _mask].Sequence) == position + 1;
    }

    /// <summary>Consumer only: frees the slot returned by <see cref="TryPeek"/> for reuse.</summary>
    public void Release()
    {
        var position = _head;
        ref var slot = ref _slots[(int)position & _mask];
        slot.Item = default;
        Volatile.Write(ref slot.Sequence, position + _slots.Length);
        Volatile.Write(ref _head, position + 1);
    }

    private struct Slot
    {
        public long Sequence;
        public T Item;
    }
}
