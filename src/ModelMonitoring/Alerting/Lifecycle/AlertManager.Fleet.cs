using ModelMonitoring.Internal;

namespace ModelMonitoring.Alerting;

internal sealed partial class AlertManager
{
    private bool _refreshFailing;

    /// <summary>
    /// Gets or sets whether other replicas share the alert and rule stores (a fleet). Then every change through the
    /// API reads the stored alerts or rules again first, and the leader reads both at every cycle
    /// (<see cref="RefreshFromStoreAsync"/>), since another replica may have changed them. The default value is <see langword="false"/>.
    /// </summary>
    public bool Shared { get; set; }

    /// <summary>
    /// Drops what this manager holds of the alert lifecycle (active, pending and hand-resolved alerts, silences),
    /// so that the next operation reads it again from the store. Called when this pipeline takes over the lead of
    /// a fleet: another replica fired, escalated and resolved alerts meanwhile, and pending conditions start over.
    /// </summary>
    public async Task ForgetStateAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _active.Clear();
            _pending.Clear();
            _resolvedByHand.Clear();
            if (_loaded)
            {
                _notifier.Silences.Clear();
                _loaded = false;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Reads the active alerts and the run-time rules from the store again and applies what other replicas changed:
    /// an alert acknowledged or resolved elsewhere is no longer repeated, escalated or saved as firing here, and rules
    /// added, updated, disabled or deleted elsewhere apply from the next evaluation. The leader calls it at the start
    /// of every cycle it leads; a failure is logged (once until a read succeeds) and the manager goes on with what it holds.
    /// </summary>
    public async Task RefreshFromStoreAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_loaded)
            {
                await RefreshAlertsAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
            }

            if (_rules.Loaded)
            {
                await RefreshRulesAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await EnsureRulesLoadedAsync(cancellationToken).ConfigureAwait(false);
            }

            _refreshFailing = false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (!_refreshFailing)
            {
                Log.FleetRefreshFailed(_logger, ex);
                _refreshFailing = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Under the lock, before a change through the API: the alerts as stored now when the store is shared.</summary>
    private async Task EnsureAlertsCurrentAsync(CancellationToken cancellationToken)
    {
        if (_loaded && Shared)
        {
            await RefreshAlertsAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Under the lock, before a rule change or listing through the API: the rules as stored now when the store is shared.</summary>
    private async Task EnsureRulesCurrentAsync(CancellationToken cancellationToken)
    {
        if (_rules.Loaded && Shared)
        {
            await RefreshRulesAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await EnsureRulesLoadedAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Under the lock: the stored active alerts replace those held. One held but no longer active in the store was
    /// resolved through another replica and counts as resolved by hand (not raised again while its condition holds);
    /// one stored but not held was raised elsewhere (or is a newer version) and is taken, ending any wait for it.
    /// </summary>
    private async Task RefreshAlertsAsync(CancellationToken cancellationToken)
    {
        var stored = new Dictionary<(string Model, string Name), Alert>();
        foreach (var alert in await _store.GetActiveAlertsAsync(AlertQuery.All, cancellationToken).ConfigureAwait(false))
        {
            stored[(alert.Model, alert.Name)] = alert;
        }

        foreach (var key in _active.Keys.Where(k => !stored.ContainsKey(k)).ToArray())
        {
            _active.Remove(key);
            _resolvedByHand.Add(key);
        }

        foreach (var (key, alert) in stored)
        {
            _active[key] = alert;
            _pending.Remove(key);
            _resolvedByHand.Remove(key);
        }
    }

    /// <summary>Under the lock: applies the rule changes made through other replicas as if they were made here.</summary>
    private async Task RefreshRulesAsync(CancellationToken cancellationToken)
    {
        var stored = await _ruleStore.GetRulesAsync(cancellationToken).ConfigureAwait(false);
        var now = _timeProvider.GetUtcNow();
        foreach (var (before, after) in _rules.Sync(stored))
        {
            var name = (after ?? before)!.Rule.Name;
            var by = after?.UpdatedBy ?? "another replica";
            var resolved = 0;
            string change;
            if (after is null || (before is { Enabled: true } && !after.Enabled))
            {
                change = after is null ? "deleted" : "disabled";
                resolved = await WithdrawAsync(before!.Rule, change, by, now, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                change = before is null ? "added" : "updated";

                // As for an update made here: a condition waiting for the old For starts waiting again.
                foreach (var key in _pending.Keys.Where(k => k.Name == name).ToArray())
                {
                    _pending.Remove(key);
                }
            }

            Log.AlertRuleChangedElsewhere(_logger, name, change, by, resolved);
        }
    }
}
