using ModelMonitoring.Buffers;
using ModelMonitoring.Recording;

namespace ModelMonitoring.Pipeline;

/// <summary>
/// The counts of what happened to records after they left the ring buffers: stored, or dropped by
/// reason. A record is counted once, when its batch is settled; a write abandoned then that finishes
/// later moves its records from their drop reason to stored, so the counts stay true either way.
/// </summary>
internal sealed class StoreAccounting
{
    private long _stored;

    public long Stored => Interlocked.Read(ref _stored);

    public DropCounters Drops { get; } = new();

    public void Settle(long stored, long duplicates, long dropped, DropReason reason)
    {
        Interlocked.Add(ref _stored, stored);
        Drops.Add(DropReason.DuplicateId, duplicates);
        Drops.Add(reason, dropped);
    }

    /// <summary>Counts as stored (less duplicates) records that were counted as dropped for <paramref name="reason"/>.</summary>
    public void StoredAfterAll(long records, long duplicates, DropReason reason)
    {
        Drops.Add(reason, -records);
        Settle(records - duplicates, duplicates, 0, reason);
    }
}
