using System.Globalization;
using ModelMonitoring.Internal;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Alerting;

/// <summary>
/// Alert rules managed at run time: added, updated, enabled, disabled and deleted through the API, kept in the
/// rule store, and handed to the evaluators through <see cref="AlertRuleRegistry"/> so they apply from the next
/// evaluation. Every change runs under the manager's lock, like the alert lifecycle it can end.
/// </summary>
internal sealed partial class AlertManager
{
    private readonly AlertRuleRegistry _rules;
    private readonly IAlertRuleStore _ruleStore;

    /// <summary>Gets the rules in force, configured and run-time.</summary>
    public AlertRuleRegistry Rules => _rules;

    /// <summary>
    /// Loads the run-time rules from the store once. The worker calls it at the start of every cycle, so they apply
    /// from the first window evaluated after a restart; a failure is logged and tried again on the next cycle.
    /// </summary>
    public async Task LoadRulesAsync(CancellationToken cancellationToken)
    {
        if (_rules.Loaded)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureRulesLoadedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.AlertRuleStoreLoadFailed(_logger, ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<ManagedAlertRule>> GetRulesAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureRulesCurrentAsync(cancellationToken).ConfigureAwait(false);
            return _rules.List();
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<ManagedAlertRule> AddRuleAsync(AlertRule rule, string by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        var copy = rule.Clone();
        return ChangeRulesAsync(
            async now =>
            {
                ThrowIfInvalid(copy, adding: true);
                var added = new ManagedAlertRule { Rule = copy, CreatedAt = now, CreatedBy = by, UpdatedAt = now, UpdatedBy = by };
                await _ruleStore.SaveRuleAsync(added, cancellationToken).ConfigureAwait(false);
                _rules.Put(added);
                Log.AlertRuleAdded(_logger, copy.Name, by, Describe(copy));
                return Copy(added);
            },
            cancellationToken);
    }

    public Task<ManagedAlertRule?> UpdateRuleAsync(AlertRule rule, string by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        if (string.IsNullOrWhiteSpace(rule.Name))
        {
            throw new ArgumentException("rule.Name: name the run-time rule to update.", nameof(rule));
        }

        var copy = rule.Clone();
        return ChangeRulesAsync(
            async now =>
            {
                if (RuntimeRule(copy.Name) is not { } current)
                {
                    return null;
                }

                ThrowIfInvalid(copy, adding: false);
                var updated = current with { Rule = copy, UpdatedAt = now, UpdatedBy = by };
                await _ruleStore.SaveRuleAsync(updated, cancellationToken).ConfigureAwait(false);
                _rules.Put(updated);

                // A condition waiting for the old For starts waiting again under the new settings.
                foreach (var key in _pending.Keys.Where(k => k.Name == copy.Name).ToArray())
                {
                    _pending.Remove(key);
                }

                Log.AlertRuleUpdated(_logger, copy.Name, by, Describe(copy));
                return Copy(updated);
            },
            cancellationToken);
    }

    public Task<ManagedAlertRule?> SetRuleEnabledAsync(string name, bool enabled, string by, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        return ChangeRulesAsync(
            async now =>
            {
                if (RuntimeRule(name) is not { } current)
                {
                    return null;
                }

                if (enabled)
                {
                    // A stored rule may have become invalid since it was added (the models declared at start changed):
                    // enabling it, even when it already is, says why it is not applied.
                    ThrowIfInvalid(current.Rule, adding: false);
                }

                if (current.Enabled == enabled)
                {
                    return Copy(current);
                }

                var changed = current with { Enabled = enabled, UpdatedAt = now, UpdatedBy = by };
                await _ruleStore.SaveRuleAsync(changed, cancellationToken).ConfigureAwait(false);
                _rules.Put(changed);
                var resolved = enabled ? 0 : await WithdrawAsync(current.Rule, "disabled", by, now, cancellationToken).ConfigureAwait(false);
                Log.AlertRuleSwitched(_logger, name, enabled ? "enabled" : "disabled", by, resolved);
                return Copy(changed);
            },
            cancellationToken);
    }

    public Task<bool> DeleteRuleAsync(string name, string by, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        return ChangeRulesAsync(
            async now =>
            {
                if (RuntimeRule(name) is not { } current)
                {
                    return false;
                }

                await _ruleStore.DeleteRuleAsync(name, cancellationToken).ConfigureAwait(false);
                _rules.Remove(name);
                var resolved = await WithdrawAsync(current.Rule, "deleted", by, now, cancellationToken).ConfigureAwait(false);
                Log.AlertRuleSwitched(_logger, name, "deleted", by, resolved);
                return true;
            },
            cancellationToken);
    }

    private async Task<T> ChangeRulesAsync<T>(Func<DateTimeOffset, Task<T>> change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureAlertsCurrentAsync(cancellationToken).ConfigureAwait(false);
            await EnsureRulesCurrentAsync(cancellationToken).ConfigureAwait(false);
            return await change(_timeProvider.GetUtcNow()).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Called under the lock; a store that cannot be read fails the caller (the API) or is logged (the worker).</summary>
    private async Task EnsureRulesLoadedAsync(CancellationToken cancellationToken)
    {
        if (_rules.Loaded)
        {
            return;
        }

        var stored = await _ruleStore.GetRulesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var hidden in stored.Where(r => _rules.IsConfigured(r.Rule.Name)))
        {
            Log.AlertRuleShadowed(_logger, hidden.Rule.Name);
        }

        foreach (var (name, problems) in _rules.Load(stored))
        {
            Log.AlertRuleNotApplied(_logger, name, problems);
        }

        Log.AlertRulesLoaded(_logger, stored.Count);
    }

    /// <summary>The run-time rule of a name, or <see langword="null"/>; a configured rule of that name cannot be changed.</summary>
    private ManagedAlertRule? RuntimeRule(string name) => _rules.IsConfigured(name)
        ? throw new InvalidOperationException(
            $"The alert rule '{name}' comes from configuration (AlertingOptions.Rules) and is read-only at run time; change it where it is configured, or add a run-time rule under another name.")
        : _rules.Runtime(name);

    private void ThrowIfInvalid(AlertRule rule, bool adding)
    {
        if (_rules.Validate(rule, adding) is { Count: > 0 } errors)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(rule));
        }
    }

    /// <summary>
    /// Ends what a withdrawn rule started: its active alerts are resolved by <paramref name="by"/> (the channels they
    /// reached are told why) and conditions waiting to fire are forgotten. Drift alerts are raised by drift checks, not by
    /// the rule (which only sets their wait and severity), so they stay.
    /// </summary>
    /// <returns>How many active alerts were resolved.</returns>
    private async Task<int> WithdrawAsync(AlertRule rule, string change, string by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (rule.IsDriftRule)
        {
            return 0;
        }

        foreach (var key in _pending.Keys.Where(k => k.Name == rule.Name).ToArray())
        {
            _pending.Remove(key);
        }

        _resolvedByHand.RemoveWhere(k => k.Name == rule.Name);
        var resolvedCount = 0;
        foreach (var (key, active) in _active.Where(a => a.Key.Name == rule.Name).ToArray())
        {
            _active.Remove(key);
            var resolved = active with { State = AlertState.Resolved, ResolvedAt = now, ResolvedBy = by, Timestamp = now };
            var notice = resolved with { Message = $"{active.Model}: alert rule '{rule.Name}' was {change} by {by}; its alert is resolved." };
            var notified = _notifier.Notify(notice, active.NotifiedChannels, now, limited: false);
            await SaveAsync(resolved with { NotificationCount = notified.NotificationCount, LastNotifiedAt = notified.LastNotifiedAt, SuppressedCount = notified.SuppressedCount }, cancellationToken).ConfigureAwait(false);
            resolvedCount++;
        }

        return resolvedCount;
    }

    private static ManagedAlertRule Copy(ManagedAlertRule rule) => rule with { Rule = rule.Rule.Clone() };

    private static string Describe(AlertRule rule) => rule.IsDriftRule
        ? string.Create(CultureInfo.InvariantCulture, $"{rule.Metric}, model {rule.Model ?? "*"}, environment {rule.Environment ?? "*"}, for {rule.For}, severity {rule.Severity?.ToString() ?? "from the drift"}")
        : string.Create(CultureInfo.InvariantCulture, $"{rule.Metric} ({rule.Subject}, {rule.Aggregation}) {rule.Operator} {rule.Value}, model {rule.Model ?? "*"}, environment {rule.Environment ?? "*"}, for {rule.For}, severity {rule.Severity?.ToString() ?? "Warning"}");
}
