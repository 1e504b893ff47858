using ModelMonitoring.Alerting;
using ModelMonitoring.Storage;

namespace ModelMonitoring.PostgreSql.Internal;

/// <summary>The store registered as <see cref="IAlertStore"/>, without handing the container a second disposable (see <see cref="PostgreSqlMonitoringReader"/>).</summary>
internal sealed class PostgreSqlAlertStore(PostgreSqlMonitoringStore store) : IAlertStore
{
    public Task SaveAlertAsync(Alert alert, CancellationToken cancellationToken = default) => store.SaveAlertAsync(alert, cancellationToken);

    public Task SaveSilenceAsync(Silence silence, CancellationToken cancellationToken = default) => store.SaveSilenceAsync(silence, cancellationToken);

    public Task<IReadOnlyList<Alert>> GetActiveAlertsAsync(AlertQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return store.Reader.GetActiveAlertsAsync(query, cancellationToken);
    }

    public Task<IReadOnlyList<Alert>> GetAlertHistoryAsync(DateTimeOffset from, DateTimeOffset to, AlertQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return store.Reader.GetAlertHistoryAsync(from, to, query, cancellationToken);
    }

    public Task<IReadOnlyList<Silence>> GetSilencesAsync(DateTimeOffset at, CancellationToken cancellationToken = default) => store.Reader.GetSilencesAsync(at, cancellationToken);
}
