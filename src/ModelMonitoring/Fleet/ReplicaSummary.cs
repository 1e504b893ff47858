using ModelMonitoring.Recording;

namespace ModelMonitoring.Fleet;

/// <summary>
/// One pipeline's row in the fleet summary (<see cref="IReplicaStore"/>): its name, when it started and was
/// last seen, its own record accounting as of then (as in its <see cref="MonitoringStatistics"/>), and whether
/// it led the fleet.
/// </summary>
public sealed record ReplicaSummary
{
    /// <summary>Gets the replica's name (<see cref="ModelMonitoringOptions.ReplicaName"/>).</summary>
    public required string Name { get; init; }

    /// <summary>Gets when the replica's pipeline started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets when the replica last saved its row (the end of its latest worker cycle).</summary>
    public DateTimeOffset LastSeen { get; init; }

    /// <summary>Gets the number of records passed to the replica's monitors (<see cref="MonitoringStatistics.Received"/>).</summary>
    public long Received { get; init; }

    /// <summary>Gets the number of records the replica's sinks accepted (<see cref="MonitoringStatistics.Stored"/>).</summary>
    public long Stored { get; init; }

    /// <summary>Gets the number of records the replica dropped, for every reason.</summary>
    public long Dropped { get; init; }

    /// <summary>Gets the replica's dropped records per reason; reasons with none are left out.</summary>
    public IReadOnlyDictionary<DropReason, long> DroppedByReason { get; init; } = new Dictionary<DropReason, long>();

    /// <summary>Gets whether the replica led the fleet (<see cref="IMonitoringLease"/>) when it saved the row.</summary>
    public bool IsLeader { get; init; }
}
