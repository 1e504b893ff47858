namespace ModelMonitoring.Buffers;

/// <summary>
/// The <see cref="PredictionExtras"/> of a prediction ring's slots, one array per shard laid out like
/// its slots and allocated when a shard first needs one, so models whose predictions carry no rare
/// values spend neither memory nor cache lines on them.
/// </summary>
/// <remarks>
/// A producer writes a slot's extras before it publishes the slot, and the consumer reads them after
/// it has seen the slot published (and only when <see cref="PredictionEntryFields.Extras"/> says so),
/// so the publication orders both the array's creation and its contents.
/// </remarks>
internal sealed class PredictionExtrasStore
{
    private readonly PredictionExtras[]?[] _shards;
    private readonly int _capacity;

    public PredictionExtrasStore(int shards, int shardCapacity)
    {
        _shards = new PredictionExtras[]?[shards];
        _capacity = shardCapacity;
    }

    /// <summary>Gets a value indicating whether a shard's array has been created.</summary>
    public bool IsAllocated(int shard) => Volatile.Read(ref _shards[shard]) is not null;

    /// <summary>Gets the extras of a claimed slot for its producer to fill, creating the shard's array on first use.</summary>
    public ref PredictionExtras ForProducer(int shard, int slot)
    {
        var extras = Volatile.Read(ref _shards[shard]);
        if (extras is null)
        {
            Interlocked.CompareExchange(ref _shards[shard], new PredictionExtras[_capacity], null);
            extras = Volatile.Read(ref _shards[shard])!;
        }

        return ref extras[slot];
    }

    /// <summary>Takes the extras of a published slot whose entry says it has some, and clears them.</summary>
    public PredictionExtras Take(int shard, int slot)
    {
        ref var extras = ref Volatile.Read(ref _shards[shard])![slot];
        var taken = extras;
        extras = default;
        return taken;
    }
}
