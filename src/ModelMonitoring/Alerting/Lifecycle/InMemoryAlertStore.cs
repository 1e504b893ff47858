using ModelMonitoring.Storage;

namespace ModelMonitoring.Alerting;

/// <summary>The alert store used when no storage provider registers one: alerts live as long as the process.</summary>
internal sealed class InMemoryAlertStore : IAlertStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Alert> _alerts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Silence> _silences = new(StringComparer.Ordinal);

    public Task SaveAlertAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _alerts[alert.Id] = alert;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Alert>> GetActiveAlertsAsync(AlertQuery query, CancellationToken cancellationToken = default) =>
        Select(a => a.State != AlertState.Resolved && query.Matches(a));

    public Task<IReadOnlyList<Alert>> GetAlertHistoryAsync(DateTimeOffset from, DateTimeOffset to, AlertQuery query, CancellationToken cancellationToken = default) =>
        Select(a => a.StartedAt >= from && a.StartedAt < to && query.Matches(a));

    public Task SaveSilenceAsync(Silence silence, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _silences[silence.Id] = silence;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Silence>> GetSilencesAsync(DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Silence>>([.. _silences.Values.Where(s => s.EndsAt > at).OrderBy(s => s.StartsAt)]);
        }
    }

    private Task<IReadOnlyList<Alert>> Select(Func<Alert, bool> predicate)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Alert>>([.. _alerts.Values.Where(predicate).OrderBy(a => a.StartedAt).ThenBy(a => a.Id, StringComparer.Ordinal)]);
        }
    }
}
