namespace ModelMonitoring.Alerting;

/// <summary>
/// The alert lifecycle API: raise alerts from the application, query active alerts and history, acknowledge
/// and resolve alerts, add silences, and manage alert rules at run time.
/// Resolved from dependency injection, or from <c>MonitoringPipeline.Alerts</c> without it.
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

    /// <summary>
    /// Raises an alert from the application, such as a model that failed to load. It goes through the same
    /// lifecycle as the alerts of rules: it notifies its channels (<see cref="ApplicationAlert.Channels"/>, else its
    /// severity's route) unless suppression (<see cref="AlertingOptions.Policies"/>) or a silence withholds it,
    /// repeats and escalates while firing unacknowledged, and is stored. It stays active until resolved with
    /// <see cref="ResolveAsync"/> or, when it has an expiry, until the background worker's first cycle at or after it.
    /// </summary>
    /// <remarks>
    /// Raising an alert while one with the same <see cref="ApplicationAlert.Name"/> and <see cref="ApplicationAlert.Model"/>
    /// is active notifies no one again: the active alert takes the new raise's message, metadata and expiry (the
    /// latest raise describes the ongoing condition best), its <see cref="Alert.Timestamp"/> becomes the time of
    /// this raise and its <see cref="Alert.Occurrences"/> grows by one; its severity, channels and state stay as
    /// they are. Raised again after it resolved, it is a new alert. A failure of the alert store is logged; the
    /// alert stays active and is saved again on its next change.
    /// </remarks>
    /// <param name="alert">The alert.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored alert: the new one, or the active one it was deduplicated into.</returns>
    /// <exception cref="ArgumentException">A field of <paramref name="alert"/> is not allowed; the message names it.</exception>
    Task<Alert> RaiseAsync(ApplicationAlert alert, CancellationToken cancellationToken = default);

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
