using ModelMonitoring.Drift;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Sqlite.Internal;

/// <summary>The store registered as <see cref="IReferenceProfileStore"/>, without handing the container a second disposable (see <see cref="SqliteMonitoringReader"/>).</summary>
internal sealed class SqliteReferenceProfileStore(SqliteMonitoringStore store) : IReferenceProfileStore
{
    public Task SaveAsync(string model, ReferenceProfile profile, CancellationToken cancellationToken = default) =>
        store.SaveReferenceAsync(model, profile, cancellationToken);

    public Task<ReferenceProfile?> GetAsync(string model, CancellationToken cancellationToken = default) =>
        store.GetReferenceAsync(model, cancellationToken);

    public Task DeleteAsync(string model, CancellationToken cancellationToken = default) =>
        store.DeleteReferenceAsync(model, cancellationToken);
}
