namespace ModelMonitoring.Alerting;

/// <summary>
/// An alert rule as the alert manager holds it: the rule, whether it is applied, where it comes from,
/// and who created and last changed it, when. Returned by <see cref="IAlertManager.GetRulesAsync"/>
/// and kept by <see cref="Storage.IAlertRuleStore"/>.
/// </summary>
public sealed record ManagedAlertRule
{
    /// <summary>Gets the rule. A copy: changing it changes nothing until it is passed to <see cref="IAlertManager.UpdateRuleAsync"/>.</summary>
    public required AlertRule Rule { get; init; }

    /// <summary>Gets whether the rule is applied. The default value is <see langword="true"/>; rules from configuration are always enabled.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Gets where the rule comes from. The default value is <see cref="AlertRuleSource.Runtime"/>; every stored rule is a run-time rule.</summary>
    public AlertRuleSource Source { get; init; } = AlertRuleSource.Runtime;

    /// <summary>Gets when the rule was added (UTC), or <see langword="null"/> for a rule from configuration.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Gets who added the rule, or <see langword="null"/> for a rule from configuration.</summary>
    public string? CreatedBy { get; init; }

    /// <summary>Gets when the rule was last updated, enabled or disabled (UTC; the time it was added until then), or <see langword="null"/> for a rule from configuration.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Gets who last updated, enabled or disabled the rule, or <see langword="null"/> for a rule from configuration.</summary>
    public string? UpdatedBy { get; init; }
}
