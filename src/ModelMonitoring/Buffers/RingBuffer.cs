using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ModelMonitoring.Buffers;

/// <summary>
/// A bounded, lock-free ring with one consumer and either many producers or a single one. When full,
/// a claim fails at once and the caller counts a drop. Slots are structs written in place, so nothing
/// is allocated per record.
/// </summary>
/// <remarks>
/// <para>Many producers (the default): Vyukov's bounded queue, a sequence number per slot. A producer
/// claims a position with one compare-and-swap, writes the slot and publishes it by advancing the
/// slot's sequence.</para>
/// <para>A single producer (<c>singleProducer: true</c>, the shards of <see cref="ProducerLeases"/>):
/// the producer alone writes the tail, so it claims with plain loads (comparing the tail with its own
/// copy of the consumer's head, refreshed only when that copy says the ring is full) and publishes by
/// advancing the tail. The hot path then touches no line the consumer writes, except the slot itself.
/// It publishes each claimed position before claiming the next.</para>
/// <para>A ring can carry side arrays of feature values laid out like its slots (<see cref="NumericAt"/>,
/// <see cref="CategoricalAt"/>), so variable-width records still need no allocation.</para>
/// </remarks>
/// <typeparam name="T">The slot payload.</typeparam>
internal sealed class RingBuffer<T>
    where T : struct
{
    private readonly Slot[] _slots;
    private readonly long _mask;
    private readonly bool _singleProducer;
    private RingCursors _cursors;

    public RingBuffer(int capacity, int numericWidth = 0, int categoricalWidth = 0, int index = 0, bool singleProducer = false)
    {
        if (capacity < 2 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "Capacity must be a power of two, at least 2.");
        }

        _slots = new Slot[capacity];
        _mask = capacity - 1;
        _singleProducer = singleProducer;
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

    /// <summary>Gets a value indicating whether the ring takes claims from a single producer (see the remarks).</summary>
    public bool IsSingleProducer => _singleProducer;

    public int NumericWidth { get; }

    public int CategoricalWidth { get; }

    public double[] Numeric { get; }

    public string?[] Categorical { get; }

    /// <summary>Gets how many positions producers have claimed (with a single producer: published) since creation: the accepted records.</summary>
    public long Claimed => Volatile.Read(ref _cursors.Tail);

    /// <summary>Gets how many records the consumer has released.</summary>
    public long Released => Volatile.Read(ref _cursors.Head);

    /// <summary>Gets how many claimed records the consumer has not released yet.</summary>
    public long Count => Claimed - Released;

    /// <summary>Gets the payload of a claimed (producer) or peeked (consumer) position.</summary>
    public ref T this[long position]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _slots[(int)(position & _mask)].Item;
    }

    /// <summary>Claims the next free slot of a ring with many producers. Returns <see langword="false"/> at once when the ring is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryClaim(out long position)
    {
        Debug.Assert(!_singleProducer, "A single-producer ring is claimed with TryClaimExclusive.");
        var slots = _slots;
        var pos = Volatile.Read(ref _cursors.Tail);
        while (true)
        {
            ref var slot = ref slots[(int)(pos & _mask)];
            var difference = Volatile.Read(ref slot.Sequence) - pos;
            if (difference == 0)
            {
                var observed = Interlocked.CompareExchange(ref _cursors.Tail, pos + 1, pos);
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
                pos = Volatile.Read(ref _cursors.Tail);
            }
        }
    }

    /// <summary>Claims the next free slot of a single-producer ring: publish it before claiming another.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryClaimExclusive(out long position) => !Unsafe.IsNullRef(ref PeekFreeSlotExclusive(out position));

    /// <summary>
    /// For the only producer of a single-producer ring: gets the next position and its slot when it is
    /// free, or a null reference when the ring is full. Nothing is claimed until <see cref="Publish"/>,
    /// so the producer may write the slot and its side values (nobody reads them) or walk away.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref Slot PeekFreeSlotExclusive(out long position)
    {
        if (TryPeekFreeExclusiveCached(out position) || RefreshCachedHead(position))
        {
            return ref SlotOf(position);
        }

        return ref Unsafe.NullRef<Slot>();
    }

    /// <summary>
    /// Like <see cref="PeekFreeSlotExclusive"/>, but decides from the producer's copy of the head alone,
    /// with no call: <see langword="false"/> means the ring may be full, and <see cref="PeekFreeSlotExclusive"/>
    /// tells for certain. On <see langword="true"/>, <see cref="ItemAt"/> gives the free slot's payload.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryPeekFreeExclusiveCached(out long position)
    {
        Debug.Assert(_singleProducer, "Only a single-producer ring is claimed without a compare-and-swap.");
        var pos = _cursors.Tail;
        position = pos;
        return pos - _cursors.CachedHead <= _mask;
    }

    /// <summary>Gets the payload of a position, like the indexer but without a bounds check: the index is the position masked by the capacity.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref T ItemAt(long position) => ref SlotOf(position).Item;

    /// <summary>Gets the slot index of a position, for side arrays laid out like the ring.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int IndexOf(long position) => (int)(position & _mask);

    /// <summary>Gets the numeric side values of a position.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<double> NumericAt(long position) => Numeric.AsSpan(((int)(position & _mask)) * NumericWidth, NumericWidth);

    /// <summary>Gets the first numeric side value of a position (<see cref="NumericWidth"/> values follow it).</summary>
    /// <remarks>The slot index is the position masked by the capacity, and the array holds capacity × width values.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref double NumericRef(long position) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Numeric), (nint)(uint)((int)(position & _mask) * NumericWidth));

    /// <summary>Gets the categorical side values of a position.</summary>
    public Span<string?> CategoricalAt(long position) => Categorical.AsSpan(((int)(position & _mask)) * CategoricalWidth, CategoricalWidth);

    /// <summary>Makes a claimed slot visible to the consumer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long position)
    {
        if (_singleProducer)
        {
            PublishExclusive(position);
        }
        else
        {
            Volatile.Write(ref _slots[(int)(position & _mask)].Sequence, position + 1);
        }
    }

    /// <summary>Makes the claimed slot of a single-producer ring visible to the consumer: one release store of the tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PublishExclusive(long position) => Volatile.Write(ref _cursors.Tail, position + 1);

    /// <summary>Consumer only: gets the oldest published position, if any.</summary>
    public bool TryPeek(out long position)
    {
        position = _cursors.Head;
        if (!_singleProducer)
        {
            return Volatile.Read(ref _slots[(int)(position & _mask)].Sequence) == position + 1;
        }

        // The tail is re-read only when the consumer has caught up with its last view of it.
        return position < _cursors.CachedTail || position < (_cursors.CachedTail = Volatile.Read(ref _cursors.Tail));
    }

    /// <summary>Consumer only: frees the slot returned by <see cref="TryPeek"/> for reuse.</summary>
    public void Release()
    {
        var position = _cursors.Head;
        ref var slot = ref _slots[(int)(position & _mask)];
        slot.Item = default;
        if (!_singleProducer)
        {
            Volatile.Write(ref slot.Sequence, position + _slots.Length);
        }

        Volatile.Write(ref _cursors.Head, position + 1);
    }

    /// <summary>Gets the slot of a position without a bounds check: the index is the position masked by the capacity.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Slot SlotOf(long position) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_slots), (nint)(position & _mask));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool RefreshCachedHead(long position)
    {
        _cursors.CachedHead = Volatile.Read(ref _cursors.Head);
        return position - _cursors.CachedHead <= _mask;
    }

    /// <summary>A ring slot: the sequence number of the many-producer protocol (unused with a single producer), and the payload.</summary>
    internal struct Slot
    {
        public long Sequence;
        public T Item;
    }
}
