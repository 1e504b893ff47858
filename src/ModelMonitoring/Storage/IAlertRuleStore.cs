using ModelMonitoring.Alerting;

namespace ModelMonitoring.Storage;

/// <summary>
/// Keeps the alert rules added at run time (<see cref="IAlertManager.AddRuleAsync"/>), so that they, whether
/// they are enabled, and who changed them when, survive a restart. Storage providers implement it; without
/// one, run-time rules live as long as the process. Rules from configuration are never stored.
/// </summary>
/// <remarks>
/// A rule is identified by its <see cref="AlertRule.Name"/>. A provider stores every setting of the rule and
/// of the <see cref="ManagedAlertRule"/> exactly (times to the microsecond at least). Called by one alert
/// manager at a time. Implementations let exceptions propagate; the caller reports them.
/// </remarks>
public interface IAlertRuleStore
{
    /// <summary>Inserts a rule, or replaces the one with the same name.</summary>
    /// <param name="rule">The rule, with who created and last changed it.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the rule is durably written.</returns>
    Task SaveRuleAsync(ManagedAlertRule rule, CancellationToken cancellationToken = default);

    /// <summary>Gets every stored rule, in the order they were created (by name when created at the same time).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The rules.</returns>
    Task<IReadOnlyList<ManagedAlertRule>> GetRulesAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the rule with a name; does nothing when there is none.</summary>
    /// <param name="name">The rule's name.</param>
    /// <param name="cancellationToken">Cancels the deletion.</param>
    /// <returns>A task that completes when the rule is durably gone.</returns>
    Task DeleteRuleAsync(string name, CancellationToken cancellationToken = default);
}
