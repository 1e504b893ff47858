using ModelMonitoring.Configuration;

namespace ModelMonitoring.Alerting;

/// <summary>
/// The rules in force: those from configuration (replaced on a configuration reload) and those added at run
/// time (loaded from the rule store at start). Every change publishes the new set of applied rules whole to
/// <see cref="Applied"/> (each model's threshold evaluator takes it at its next evaluated window) and to
/// <see cref="Effective"/> (read by the alert manager).
/// </summary>
/// <remarks>
/// Run-time changes come from the alert manager under its lock; a configuration reload comes from another
/// thread. Both go through <see cref="_gate"/>, so the sets are published in the order the changes were made.
/// A run-time rule is applied when it is enabled, valid for the models declared at start, and no rule from
/// configuration has its name (after a reload that adds one, configuration wins and a warning is logged).
/// </remarks>
internal sealed class AlertRuleRegistry(IEnumerable<AlertRule> configured, IReadOnlyList<ModelOptions> models)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ManagedAlertRule> _runtime = new(StringComparer.Ordinal);

    // Names whose observations the alert manager ignores: run-time rules disabled, deleted or not applicable.
    // An evaluation already under way when a rule is withdrawn must not raise its alert again.
    private readonly HashSet<string> _withdrawn = new(StringComparer.Ordinal);
    private AlertRule[] _configured = [.. configured];
    private AlertRule[] _effective = [.. configured];
    private volatile bool _loaded;

    /// <summary>Gets or sets the callback that hands the applied rules to the models' evaluators; called under the registry's lock.</summary>
    public Action<IReadOnlyList<AlertRule>>? Applied { get; set; }

    /// <summary>Gets the rules applied now: configured ones first, then enabled run-time ones.</summary>
    public IReadOnlyList<AlertRule> Effective => Volatile.Read(ref _effective);

    /// <summary>Gets whether the run-time rules were loaded from the store.</summary>
    public bool Loaded => _loaded;

    /// <summary>Gets every rule as users see it: configured ones first, then run-time ones in the order they were added; copies.</summary>
    public IReadOnlyList<ManagedAlertRule> List()
    {
        lock (_gate)
        {
            return [
                .. _configured.Select(r => new ManagedAlertRule { Rule = r.Clone(), Source = AlertRuleSource.Configuration }),
                .. _runtime.Values.OrderBy(r => r.CreatedAt).ThenBy(r => r.Rule.Name, StringComparer.Ordinal).Select(Copy),
            ];
        }
    }

    public bool IsConfigured(string name)
    {
        lock (_gate)
        {
            return _configured.Any(r => string.Equals(r.Name, name, StringComparison.Ordinal));
        }
    }

    public ManagedAlertRule? Runtime(string name)
    {
        lock (_gate)
        {
            return _runtime.GetValueOrDefault(name);
        }
    }

    /// <summary>Whether an observation under this name belongs to a run-time rule that is not applied (any more).</summary>
    public bool IsWithdrawn(string name)
    {
        lock (_gate)
        {
            return _withdrawn.Contains(name);
        }
    }

    /// <summary>
    /// Checks a run-time rule with the validation configured rules get at start-up, plus the name rules of run time.
    /// </summary>
    /// <param name="rule">The rule.</param>
    /// <param name="adding">Whether the rule is new (its name must be free) rather than replacing the run-time rule of its name.</param>
    /// <returns>Every problem, each naming the setting (<c>rule.Value: …</c>); empty when the rule is valid.</returns>
    public List<string> Validate(AlertRule rule, bool adding)
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(rule.Name) && IsConfigured(rule.Name))
        {
            errors.Add($"rule.Name: a rule named '{rule.Name}' comes from configuration (AlertingOptions.Rules), which is read-only at run time; choose another name for a run-time rule.");
        }
        else if (adding && !string.IsNullOrWhiteSpace(rule.Name) && Runtime(rule.Name) is not null)
        {
            errors.Add($"rule.Name: a run-time rule named '{rule.Name}' exists already; change it with UpdateRuleAsync, or choose another name.");
        }

        AlertingOptionsValidator.ValidateRule(rule, "rule", models, new HashSet<string>(StringComparer.Ordinal), errors);
        return errors;
    }

    /// <summary>Takes the rules from the store at start; returns the problems of those that cannot be applied, by name.</summary>
    public IReadOnlyList<(string Name, string Problems)> Load(IEnumerable<ManagedAlertRule> stored)
    {
        var problems = new List<(string, string)>();
        lock (_gate)
        {
            foreach (var rule in stored)
            {
                _runtime[rule.Rule.Name] = rule with { Source = AlertRuleSource.Runtime };
            }

            _loaded = true;
            Publish(problems);
        }

        return problems;
    }

    /// <summary>
    /// Takes the rules from the store again (in a fleet, another replica may have changed them): the set becomes the
    /// stored one, and the rules added, changed (another version: enabled, updated by, updated at) or gone are returned.
    /// Publishes only when something changed.
    /// </summary>
    /// <returns>Each change as the rule before (<see langword="null"/> when added) and after (<see langword="null"/> when deleted).</returns>
    public IReadOnlyList<(ManagedAlertRule? Before, ManagedAlertRule? After)> Sync(IEnumerable<ManagedAlertRule> stored)
    {
        var changes = new List<(ManagedAlertRule?, ManagedAlertRule?)>();
        lock (_gate)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var rule in stored)
            {
                names.Add(rule.Rule.Name);
                var current = _runtime.GetValueOrDefault(rule.Rule.Name);
                if (current is null || !SameVersion(current, rule))
                {
                    _runtime[rule.Rule.Name] = rule with { Source = AlertRuleSource.Runtime };
                    changes.Add((current, rule));
                }
            }

            foreach (var (name, rule) in _runtime.Where(r => !names.Contains(r.Key)).ToArray())
            {
                _runtime.Remove(name);
                _withdrawn.Add(name);
                changes.Add((rule, null));
            }

            if (changes.Count > 0)
            {
                Publish(null);
            }
        }

        return changes;
    }

    /// <summary>Adds or replaces a run-time rule (already validated and stored).</summary>
    public void Put(ManagedAlertRule rule)
    {
        lock (_gate)
        {
            _runtime[rule.Rule.Name] = rule;
            Publish(null);
        }
    }

    /// <summary>Removes a run-time rule (already deleted from the store).</summary>
    public void Remove(string name)
    {
        lock (_gate)
        {
            _runtime.Remove(name);
            _withdrawn.Add(name);
            Publish(null);
        }
    }

    /// <summary>Replaces the rules from configuration (a reload); returns the names of run-time rules a configured rule now hides.</summary>
    public IReadOnlyList<string> Configure(IEnumerable<AlertRule> configured)
    {
        lock (_gate)
        {
            _configured = [.. configured];
            Publish(null);
            return [.. _runtime.Keys.Where(name => _configured.Any(r => r.Name == name))];
        }
    }

    private void Publish(List<(string, string)>? problems)
    {
        var configuredNames = _configured.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        _withdrawn.ExceptWith(configuredNames);
        var applied = new List<AlertRule>(_configured);
        foreach (var (name, rule) in _runtime)
        {
            if (configuredNames.Contains(name))
            {
                continue; // configuration wins; the alerts of that name are the configured rule's
            }

            var errors = new List<string>();
            if (rule.Enabled)
            {
                // Stored rules are checked again: the models declared at start may have changed since they were added.
                AlertingOptionsValidator.ValidateRule(rule.Rule, "rule", models, new HashSet<string>(StringComparer.Ordinal), errors);
            }

            if (rule.Enabled && errors.Count == 0)
            {
                applied.Add(rule.Rule);
                _withdrawn.Remove(name);
            }
            else
            {
                _withdrawn.Add(name);
                if (errors.Count > 0)
                {
                    problems?.Add((name, string.Join(" ", errors)));
                }
            }
        }

        Volatile.Write(ref _effective, [.. applied]);
        Applied?.Invoke(applied);
    }

    // Stores keep times to the microsecond: a rule this process saved is the same version when read back.
    private static bool SameVersion(ManagedAlertRule a, ManagedAlertRule b) =>
        a.Enabled == b.Enabled
        && string.Equals(a.UpdatedBy, b.UpdatedBy, StringComparison.Ordinal)
        && a.UpdatedAt?.UtcTicks / 10 == b.UpdatedAt?.UtcTicks / 10
        && a.CreatedAt?.UtcTicks / 10 == b.CreatedAt?.UtcTicks / 10;

    private static ManagedAlertRule Copy(ManagedAlertRule rule) => rule with { Rule = rule.Rule.Clone() };
}
