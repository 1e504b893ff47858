using ModelMonitoring.Fleet;

namespace ModelMonitoring.Sqlite.Internal;

/// <summary>The store registered as <see cref="IWindowPartialStore"/>, without handing the container a second disposable (see <see cref="SqliteMonitoringReader"/>).</summary>
internal sealed class SqliteWindowPartialStore(SqliteMonitoringStore store) : IWindowPartialStore
{
    public Task SaveWindowPartialsAsync(IReadOnlyList<WindowPartial> partials, CancellationToken cancellationToken = default) =>
        store.SaveWindowPartialsAsync(partials, cancellationToken);

    public Task<IReadOnlyList<WindowPartial>> GetUnmergedWindowPartialsAsync(string model, DateTimeOffset endedBy, CancellationToken cancellationToken = default) =>
        store.GetUnmergedWindowPartialsAsync(model, endedBy, cancellationToken);

    public Task<bool> TryMarkWindowMergedAsync(string model, DateTimeOffset windowStart, string replica, CancellationToken cancellationToken = default) =>
        store.TryMarkWindowMergedAsync(model, windowStart, replica, cancellationToken);
}
