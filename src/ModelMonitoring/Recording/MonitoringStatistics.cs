namespace ModelMonitoring.Recording;

/// <summary>
/// A snapshot of record accounting. At a quiet moment (no recording, no flush in progress)
/// <c>Received == Stored + Buffered + Dropped</c> exactly.
/// </summary>
public sealed class MonitoringStatistics
{
    private readonly long[] _dropped;

    internal MonitoringStatistics(long received, long stored, long buffered, long[] dropped)
    {
        Received = received;
        Stored = stored;
        Buffered = buffered;
        _dropped = dropped;
    }

    /// <summary>Gets the number of records passed to a monitor (predictions, ground truth, metrics and health checks).</summary>
    public long Received { get; }

    /// <summary>Gets the number of records every sink accepted.</summary>
    public long Stored { get; }

    /// <summary>Gets the number of records accepted but not yet stored (in ring buffers or in a batch being written).</summary>
    public long Buffered { get; }

    /// <summary>Gets the number of records dropped, for every reason.</summary>
    public long Dropped => _dropped.Sum();

    /// <summary>Gets the number of records dropped for one reason.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The count.</returns>
    public long GetDropped(DropReason reason) => (uint)reason < (uint)_dropped.Length ? _dropped[(int)reason] : 0;

    /// <inheritdoc/>
    public override string ToString()
    {
        var reasons = string.Join(", ", Enum.GetValues<DropReason>().Where(r => GetDropped(r) > 0).Select(r => $"{r}={GetDropped(r)}"));
        return $"received={Received} stored={Stored} buffered={Buffered} dropped={Dropped}" + (reasons.Length > 0 ? $" ({reasons})" : string.Empty);
    }
}
