namespace ModelMonitoring.Alerting;

/// <summary>
/// Resolves the suppression and escalation of an alert name from <see cref="AlertingOptions.Policies"/>: the
/// policy of the exact name, else of the longest matching prefix pattern; a part that policy leaves unset,
/// or a name no policy matches, takes the global setting.
/// </summary>
internal sealed class AlertPolicies
{
    private readonly Dictionary<string, Resolved> _exact = new(StringComparer.Ordinal);
    private readonly (string Prefix, Resolved Policy)[] _prefixes;
    private readonly Resolved _global;

    public AlertPolicies(AlertingOptions options)
    {
        _global = new Resolved(options.Suppression, Sorted(options.Escalation));
        var prefixes = new List<(string, Resolved)>();
        foreach (var (pattern, policy) in options.Policies)
        {
            var resolved = new Resolved(policy.Suppression ?? _global.Suppression, policy.Escalation is { } levels ? Sorted(levels) : _global.Escalation);
            if (pattern.EndsWith('*'))
            {
                prefixes.Add((pattern[..^1], resolved));
            }
            else
            {
                _exact[pattern] = resolved;
            }
        }

        _prefixes = [.. prefixes.OrderByDescending(p => p.Item1.Length)];
    }

    /// <summary>Gets the suppression that applies to alerts named <paramref name="name"/>.</summary>
    public SuppressionOptions SuppressionFor(string name) => Find(name).Suppression;

    /// <summary>Gets the escalation levels, earliest first, that apply to alerts named <paramref name="name"/>.</summary>
    public EscalationLevel[] EscalationFor(string name) => Find(name).Escalation;

    private Resolved Find(string name)
    {
        if (_exact.TryGetValue(name, out var exact))
        {
            return exact;
        }

        foreach (var (prefix, policy) in _prefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return policy;
            }
        }

        return _global;
    }

    private static EscalationLevel[] Sorted(IEnumerable<EscalationLevel> levels) => [.. levels.OrderBy(l => l.After)];

    private sealed record Resolved(SuppressionOptions Suppression, EscalationLevel[] Escalation);
}
