using ModelMonitoring.Drift;
using ModelMonitoring.Storage;

namespace ModelMonitoring.PostgreSql.Internal;

/// <summary>The store registered as <see cref="IReferenceProfileStore"/>, without handing the container a second disposable (see <see cref="PostgreSqlMonitoringReader"/>).</summary>
internal sealed class PostgreSqlReferenceProfileStore(PostgreSqlMonitoringStore store) : IReferenceProfileStore
{
    public Task SaveAsync(string model, ReferenceProfile profile, CancellationToken cancellationToken = default) =>
        store.SaveReferenceAsync(model, profile, cancellationToken);

    public Task<bool> SaveIfAbsentAsync(string model, ReferenceProfile profile, CancellationToken cancellationToken = default) =>
        store.SaveReferenceIfAbsentAsync(model, profile, cancellationToken);

    public Task<ReferenceProfile?> GetAsync(string model, CancellationToken cancellationToken = default) =>
        store.Reader.GetReferenceAsync(model, cancellationToken);

    public Task DeleteAsync(string model, CancellationToken cancellationToken = default) =>
        store.DeleteReferenceAsync(model, cancellationToken);
}
