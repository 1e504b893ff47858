using ModelMonitoring.Alerting;

namespace ModelMonitoring.Storage;

/// <summary>
/// Keeps the latest state of every alert and the silences, so that the alert lifecycle, repeat
/// notifications and escalation continue correctly after a restart. Storage providers implement it;
/// without one, alerts live in memory.
/// </summary>
/// <remarks>Called by one alert manager at a time. Implementations let exceptions propagate; the caller logs and retries.</remarks>
public interface IAlertStore
{
    /// <summary>Inserts or replaces an alert by its <see cref="Alert.Id"/>.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the alert is durably written.</returns>
    Task SaveAlertAsync(Alert alert, CancellationToken cancellationToken = default);

    /// <summary>Gets the active (firing or acknowledged) alerts that match a query, oldest first.</summary>
    /// <param name="query">The filter.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The alerts.</returns>
    Task<IReadOnlyList<Alert>> GetActiveAlertsAsync(AlertQuery query, CancellationToken cancellationToken = default);

    /// <summary>Gets the alerts that started in <c>[from, to)</c> and match a query, oldest first.</summary>
    /// <param name="from">The inclusive start.</param>
    /// <param name="to">The exclusive end.</param>
    /// <param name="query">The filter.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The alerts.</returns>
    Task<IReadOnlyList<Alert>> GetAlertHistoryAsync(DateTimeOffset from, DateTimeOffset to, AlertQuery query, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces a silence by its <see cref="Silence.Id"/>.</summary>
    /// <param name="silence">The silence.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the silence is durably written.</returns>
    Task SaveSilenceAsync(Silence silence, CancellationToken cancellationToken = default);

    /// <summary>Gets the silences that end after <paramref name="at"/>.</summary>
    /// <param name="at">The time.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The silences, by start time.</returns>
    Task<IReadOnlyList<Silence>> GetSilencesAsync(DateTimeOffset at, CancellationToken cancellationToken = default);
}
