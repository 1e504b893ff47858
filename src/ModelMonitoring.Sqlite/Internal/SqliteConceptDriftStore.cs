using ModelMonitoring.Storage;

namespace ModelMonitoring.Sqlite.Internal;

/// <summary>The store registered as <see cref="IConceptDriftStore"/>, without handing the container a second disposable (see <see cref="SqliteMonitoringReader"/>).</summary>
internal sealed class SqliteConceptDriftStore(SqliteMonitoringStore store) : IConceptDriftStore
{
    public Task SaveConceptDriftCheckAsync(ConceptDriftCheck check, CancellationToken cancellationToken = default) =>
        store.SaveConceptDriftCheckAsync(check, cancellationToken);

    public Task<IReadOnlyList<ConceptDriftCheck>> GetConceptDriftAsync(string model, DateTimeOffset from, DateTimeOffset to, bool onlyDrifted = false, CancellationToken cancellationToken = default) =>
        store.GetConceptDriftAsync(model, from, to, onlyDrifted, cancellationToken);
}
