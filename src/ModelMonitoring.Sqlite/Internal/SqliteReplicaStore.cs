using ModelMonitoring.Fleet;

namespace ModelMonitoring.Sqlite.Internal;

/// <summary>The store registered as <see cref="IReplicaStore"/>, without handing the container a second disposable (see <see cref="SqliteMonitoringReader"/>).</summary>
internal sealed class SqliteReplicaStore(SqliteMonitoringStore store) : IReplicaStore
{
    public Task SaveReplicaAsync(ReplicaSummary replica, CancellationToken cancellationToken = default) =>
        store.SaveReplicaAsync(replica, cancellationToken);

    public Task<IReadOnlyList<ReplicaSummary>> GetReplicasAsync(CancellationToken cancellationToken = default) =>
        store.GetReplicasAsync(cancellationToken);
}
