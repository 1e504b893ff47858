namespace ModelMonitoring.Alerting;

/// <summary>
/// The alert lifecycle API: query active alerts and history, acknowledge and resolve alerts, add silences,
/// and manage alert rules at run time. Resolved from dependency injection, or from <c>MonitoringPipeline.Alerts</c> without it.
/// </summary>
/// <remarks>
/// Rules added, updated, enabled, disabled or deleted at run time apply from the next evaluation, without a
/// restart, and are kept by the storage provider's <see cref="Storage.IAlertRuleStore"/> (in memory without one).
/// Rules from configuration (<see cref="AlertingOptions.Rules"/>) are listed too but are read-only.
/// </remarks>
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

    /// <summary>Gets every alert rule: those from configuration first, then those added at run time in the order they were added.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The rules, with whether each is enabled, where it comes from, and who changed it when.</returns>
    Task<IReadOnlyList<ManagedAlertRule>> GetRulesAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a rule at run time and stores it; it applies from the next evaluation.</summary>
    /// <param name="rule">The rule; checked like rules from configuration at start-up, and its name must be new.</param>
    /// <param name="by">Who adds it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored rule.</returns>
    /// <exception cref="ArgumentException">The rule is invalid or its name is taken; the message names every bad setting (<c>rule.Value: …</c>).</exception>
    Task<ManagedAlertRule> AddRuleAsync(AlertRule rule, string by, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the run-time rule with the same <see cref="AlertRule.Name"/>; the new settings apply from the next
    /// evaluation. Its alert, if active, stays until an evaluation under the new settings finds the condition cleared;
    /// a condition waiting for <see cref="AlertRule.For"/> starts waiting again.
    /// </summary>
    /// <param name="rule">The new settings, checked like rules from configuration at start-up.</param>
    /// <param name="by">Who updates it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored rule, or <see langword="null"/> when no rule has that name.</returns>
    /// <exception cref="ArgumentException">The rule is invalid; the message names every bad setting.</exception>
    /// <exception cref="InvalidOperationException">The rule comes from configuration.</exception>
    Task<ManagedAlertRule?> UpdateRuleAsync(AlertRule rule, string by, CancellationToken cancellationToken = default);

    /// <summary>
    /// Enables or disables a run-time rule. A disabled rule is not evaluated from the next evaluation on, and its
    /// active alert is resolved at once (resolved by <paramref name="by"/>; the channels it reached are told).
    /// </summary>
    /// <param name="name">The rule's name.</param>
    /// <param name="enabled">Whether the rule is applied.</param>
    /// <param name="by">Who changes it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored rule, or <see langword="null"/> when no rule has that name.</returns>
    /// <exception cref="InvalidOperationException">The rule comes from configuration.</exception>
    Task<ManagedAlertRule?> SetRuleEnabledAsync(string name, bool enabled, string by, CancellationToken cancellationToken = default);

    /// <summary>Deletes a run-time rule from the store; like disabling it, its active alert is resolved at once.</summary>
    /// <param name="name">The rule's name.</param>
    /// <param name="by">Who deletes it (logged).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the rule was deleted; <see langword="false"/> when no rule has that name.</returns>
    /// <exception cref="InvalidOperationException">The rule comes from configuration.</exception>
    Task<bool> DeleteRuleAsync(string name, string by, CancellationToken cancellationToken = default);
}
