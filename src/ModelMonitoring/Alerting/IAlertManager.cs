namespace ModelMonitoring.Alerting;

/// <summary>
/// The alert lifecycle API: query active alerts and history, acknowledge and resolve alerts, add silences.
/// Resolved from dependency injection, or from <c>MonitoringPipeline.Alerts</c> without it.
/// </summary>
public interface IAlertManager
{
    /// <summary>Gets the active (firing or acknowledged) alerts that match a query, oldest first.</summary>
    /// <param name="query">The filter, or <see langword="null"/> for every alert.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The alerts.</returns>
    Task<IReadOnlyList<Alert>> GetActiveAlertsAsync(AlertQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Gets the alerts that started in <c>[from, to)</c> and match a query, in any state, oldest first.</summary>
    /// <param name="from">The inclusive start.</param>
    /// <param name="to">The exclusive end.</param>
    /// <param name="query">The filter, or <see langword="null"/> for every alert.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The alerts.</returns>
    Task<IReadOnlyList<Alert>> GetAlertHistoryAsync(DateTimeOffset from, DateTimeOffset to, AlertQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Acknowledges a firing alert: escalation and repeat notifications stop, and the channels it reached are told.</summary>
    /// <param name="alertId">The alert's <see cref="Alert.Id"/>.</param>
    /// <param name="by">Who acknowledges it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The updated alert, or <see langword="null"/> when no active alert has that id.</returns>
    Task<Alert?> AcknowledgeAsync(string alertId, string by, CancellationToken cancellationToken = default);

    /// <summary>
    /// Resolves an active alert by hand and tells the channels it reached. If its condition still holds,
    /// a new alert fires only after the condition has cleared and returned.
    /// </summary>
    /// <param name="alertId">The alert's <see cref="Alert.Id"/>.</param>
    /// <param name="by">Who resolves it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The updated alert, or <see langword="null"/> when no active alert has that id.</returns>
    Task<Alert?> ResolveAsync(string alertId, string by, CancellationToken cancellationToken = default);

    /// <summary>Adds a silence and stores it.</summary>
    /// <param name="silence">The silence; an id is assigned when empty.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored silence.</returns>
    Task<Silence> AddSilenceAsync(Silence silence, CancellationToken cancellationToken = default);

    /// <summary>Gets the silences in effect at some time or later.</summary>
    /// <param name="at">Silences that end after this time are returned.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The silences.</returns>
    Task<IReadOnlyList<Silence>> GetSilencesAsync(DateTimeOffset at, CancellationToken cancellationToken = default);
}
