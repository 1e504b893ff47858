using ModelMonitoring.Storage;

namespace ModelMonitoring.Alerting;

/// <summary>The rule store used when no storage provider registers one: run-time rules live as long as the process.</summary>
internal sealed class InMemoryAlertRuleStore : IAlertRuleStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ManagedAlertRule> _rules = new(StringComparer.Ordinal);

    public Task SaveRuleAsync(ManagedAlertRule rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_gate)
        {
            // Copied like a real store would, so a caller changing the rule afterwards changes nothing stored.
            _rules[rule.Rule.Name] = rule with { Rule = rule.Rule.Clone() };
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ManagedAlertRule>> GetRulesAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ManagedAlertRule>>([.. _rules.Values
                .OrderBy(r => r.CreatedAt)
                .ThenBy(r => r.Rule.Name, StringComparer.Ordinal)
                .Select(r => r with { Rule = r.Rule.Clone() })]);
        }
    }

    public Task DeleteRuleAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            _rules.Remove(name);
        }

        return Task.CompletedTask;
    }
}
