namespace ModelMonitoring.Fleet;

/// <summary>
/// Keeps one row per pipeline (replica) that writes to a store: when it started and was last seen, its own
/// record accounting and whether it leads, so that the fleet can be read in one place while each pipeline's
/// <see cref="IModelMonitoring.GetStatistics"/> stays about its own process. Storage providers implement it.
/// </summary>
/// <remarks>
/// The worker saves its replica's row at the end of a cycle, at most once per <see cref="ModelMonitoringOptions.FlushInterval"/>, and when it stops; a failed save is logged
/// and retried at the next cycle. A replica is identified by <see cref="ModelMonitoringOptions.ReplicaName"/>.
/// Implementations let exceptions propagate.
/// </remarks>
public interface IReplicaStore
{
    /// <summary>Inserts a replica's row, or replaces the one with the same name.</summary>
    /// <param name="replica">The replica's summary.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the row is written.</returns>
    Task SaveReplicaAsync(ReplicaSummary replica, CancellationToken cancellationToken = default);

    /// <summary>Gets the row of every replica that ever wrote one, by name.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The replicas, ordered by name.</returns>
    Task<IReadOnlyList<ReplicaSummary>> GetReplicasAsync(CancellationToken cancellationToken = default);
}
