using Microsoft.Extensions.Logging;
using ModelMonitoring.Internal;
using ModelMonitoring.Pipeline;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Alerting;

/// <summary>
/// Turns condition observations (from thresholds, rules and drift checks) into alerts with a
/// lifecycle: pending → firing → acknowledged → resolved. Deduplicates, repeats, escalates and
/// stores every change; all timing state that must survive a restart lives in the stored alerts.
/// </summary>
/// <remarks>
/// An observation is an <see cref="Alert"/> whose <see cref="Alert.State"/> says whether the condition
/// holds (<see cref="AlertState.Firing"/>) or not (<see cref="AlertState.Resolved"/>); it is keyed
/// by model and name. The worker calls <see cref="ProcessAsync"/> every cycle; API calls may come
/// from any thread, so every operation runs under one asynchronous lock.
/// </remarks>
internal sealed partial class AlertManager : IAlertManager
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<(string Model, string Name), Alert> _active = [];
    private readonly Dictionary<(string Model, string Name), (Alert Signal, DateTimeOffset Since, TimeSpan For)> _pending = [];
    private readonly HashSet<(string Model, string Name)> _resolvedByHand = [];
    private AlertingOptions _options;
    private AlertingOptions? _reloaded;
    private readonly IAlertStore _store;
    private readonly AlertNotifier _notifier;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly StageFailures? _failures;
    private bool _loaded;

    public AlertManager(AlertingOptions options, IAlertStore store, AlertNotifier notifier, TimeProvider timeProvider, ILogger logger, StageFailures? failures = null, AlertRuleRegistry? rules = null, IAlertRuleStore? ruleStore = null)
    {
        _rules = rules ?? new AlertRuleRegistry(options.Rules, []);
        _ruleStore = ruleStore ?? new InMemoryAlertRuleStore();
        _failures = failures;
        _options = options;
        _store = store;
        _notifier = notifier;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public AlertNotifier Notifier => _notifier;

    /// <summary>Gets or sets the caps on the text of application alerts (names, message, metadata).</summary>
    public RecordingLimits Limits { get; set; } = new();

    /// <summary>Applies this cycle's observations, then fires pending alerts that waited long enough, repeats and escalates.</summary>
    public async Task ProcessAsync(IReadOnlyList<Alert> observations, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
            TakeReloaded();
            var now = _timeProvider.GetUtcNow();
            foreach (var observation in observations)
            {
                if (_rules.IsWithdrawn(observation.Name))
                {
                    continue; // evaluated before its rule was disabled or deleted
                }

                try
                {
                    await ObserveAsync(observation, now, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsStageFailure(ex, cancellationToken))
                {
                    _failures.Report(observation.Model, MonitoringStage.Alerting, nameof(AlertManager), ex);
                }
            }

            await TickAsync(now, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Replaces rules, repeat interval, escalation, suppression, routes and the configured silences from the
    /// next cycle (configuration reload); the settings were validated, channel names included, by the caller.
    /// Handed over to the worker's cycle, which holds the lock every other operation takes.
    /// </summary>
    public void Reload(AlertingOptions options) => Volatile.Write(ref _reloaded, options);

    private void TakeReloaded()
    {
        if (Interlocked.Exchange(ref _reloaded, null) is not { } options)
        {
            return;
        }

        if (_loaded)
        {
            // Silences added at run time (AddSilenceAsync) stay; those from the previous settings go.
            var previous = ConfiguredSilences(_options).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            _notifier.Silences.RemoveAll(s => previous.Contains(s.Id));
            _notifier.Silences.AddRange(ConfiguredSilences(options));
        }

        _options = options;
        _notifier.Reload(options);
    }

    private static IEnumerable<Silence> ConfiguredSilences(AlertingOptions options) =>
        options.Silences.Select((s, i) => s.Id.Length > 0 ? s : s with { Id = "configured-" + i });

    /// <summary>
    /// Counts the model's open (firing or acknowledged) critical and warning alerts as held by this manager, for its
    /// health score; alerts on the health metrics themselves are left out so a health alert does not feed the score.
    /// Never waits: when the lock is busy (an API call changing an alert) it returns <see langword="false"/> and the
    /// caller keeps its previous counts, so the worker is never held up, nor cancelled at shutdown, by it.
    /// </summary>
    public bool TryCountOpen(string model, out int critical, out int warning)
    {
        (critical, warning) = (0, 0);
        if (!_gate.Wait(0))
        {
            return false;
        }

        try
        {
            foreach (var ((alertModel, name), alert) in _active)
            {
                if (!string.Equals(alertModel, model, StringComparison.Ordinal) || name.StartsWith("health.", StringComparison.Ordinal)
                    || alert.State is not (AlertState.Firing or AlertState.Acknowledged))
                {
                    continue;
                }

                critical += alert.Severity == AlertSeverity.Critical ? 1 : 0;
                warning += alert.Severity == AlertSeverity.Warning ? 1 : 0;
            }

            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<Alert>> GetActiveAlertsAsync(AlertQuery? query = null, CancellationToken cancellationToken = default) =>
        await _store.GetActiveAlertsAsync(query ?? AlertQuery.All, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<Alert>> GetAlertHistoryAsync(DateTimeOffset from, DateTimeOffset to, AlertQuery? query = null, CancellationToken cancellationToken = default) =>
        await _store.GetAlertHistoryAsync(from, to, query ?? AlertQuery.All, cancellationToken).ConfigureAwait(false);

    public Task<Alert?> AcknowledgeAsync(string alertId, string by, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        return ChangeAsync(alertId, cancellationToken, (alert, now) => alert.State != AlertState.Firing ? null : alert with
        {
            State = AlertState.Acknowledged,
            AcknowledgedBy = by,
            AcknowledgedAt = now,
            Timestamp = now,
        });
    }

    public Task<Alert?> ResolveAsync(string alertId, string by, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        return ChangeAsync(alertId, cancellationToken, (alert, now) => alert with { State = AlertState.Resolved, ResolvedAt = now, ResolvedBy = by, Timestamp = now });
    }

    public async Task<Alert> RaiseAsync(ApplicationAlert alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var now = _timeProvider.GetUtcNow();
        var raised = ApplicationAlertValidator.ToAlert(alert, Limits, _rules.List(), _notifier, now);
        var key = (raised.Model, raised.Name);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureAlertsCurrentAsync(cancellationToken).ConfigureAwait(false);
            if (_active.TryGetValue(key, out var active))
            {
                // Deduplicated: no new notification; the latest raise describes the ongoing condition best.
                raised = active with
                {
                    Message = raised.Message,
                    Metadata = raised.Metadata,
                    ExpiresAt = raised.ExpiresAt,
                    Timestamp = now,
                    Occurrences = active.Occurrences + 1,
                };
            }
            else
            {
                _resolvedByHand.Remove(key); // resolved by hand earlier: raising it again is a new occurrence
                raised = raised with { Id = NewId(), State = AlertState.Firing, StartedAt = now, Timestamp = now };
                raised = _notifier.Notify(raised, _notifier.RouteOf(raised), now, limited: true);
                Log.ApplicationAlertRaised(_logger, raised.Name, raised.Model, raised.Severity, raised.Id);
            }

            _active[key] = raised;
            await SaveAsync(raised, cancellationToken).ConfigureAwait(false);
            return raised;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<Silence> AddSilenceAsync(Silence silence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(silence);
        if (silence.EndsAt <= silence.StartsAt)
        {
            throw new ArgumentException($"The silence ends ({silence.EndsAt:O}) before it starts ({silence.StartsAt:O}); EndsAt must be later than StartsAt.", nameof(silence));
        }

        var stored = silence.Id.Length > 0 ? silence : silence with { Id = NewId() };
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
            await _store.SaveSilenceAsync(stored, cancellationToken).ConfigureAwait(false);
            _notifier.Silences.RemoveAll(s => s.Id == stored.Id);
            _notifier.Silences.Add(stored);
            return stored;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<IReadOnlyList<Silence>> GetSilencesAsync(DateTimeOffset at, CancellationToken cancellationToken = default) =>
        _store.GetSilencesAsync(at, cancellationToken);

    private static string NewId() => Guid.NewGuid().ToString("N");

    private async Task ObserveAsync(Alert observation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = (observation.Model, observation.Name);
        if (observation.State == AlertState.Resolved)
        {
            _resolvedByHand.Remove(key);
            _pending.Remove(key);
            if (_active.Remove(key, out var active))
            {
                // The store keeps the values that triggered the alert; the notification says why it resolved.
                var resolved = active with { State = AlertState.Resolved, ResolvedAt = now, Timestamp = now };
                var notice = resolved with { Message = observation.Message, Value = observation.Value ?? active.Value };
                var notified = _notifier.Notify(notice, active.NotifiedChannels, now, limited: false);
                await SaveAsync(resolved with { NotificationCount = notified.NotificationCount, LastNotifiedAt = notified.LastNotifiedAt, SuppressedCount = notified.SuppressedCount }, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (_active.ContainsKey(key) || _pending.ContainsKey(key) || _resolvedByHand.Contains(key))
        {
            return; // the same condition is already an alert (or waiting to become one): deduplicated
        }

        var (wait, severity) = RuleFor(observation);
        var signal = severity is { } s ? observation with { Severity = s } : observation;
        _pending[key] = (signal, observation.Timestamp, wait);
    }

    private async Task TickAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await ExpireAsync(now, cancellationToken).ConfigureAwait(false);
        foreach (var (key, (signal, since, wait)) in _pending.Where(p => now >= p.Value.Since + p.Value.For).ToArray())
        {
            try
            {
                _pending.Remove(key);
                var alert = signal with { Id = NewId(), State = AlertState.Firing, StartedAt = now, Timestamp = now };
                alert = _notifier.Notify(alert, _notifier.RouteOf(alert), now, limited: true);
                _active[key] = alert;
                await SaveAsync(alert, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsStageFailure(ex, cancellationToken))
            {
                _failures.Report(key.Model, MonitoringStage.Alerting, nameof(AlertManager), ex);
            }
        }

        foreach (var (key, alert) in _active.Where(a => a.Value.State == AlertState.Firing).ToArray())
        {
            try
            {
                await RepeatAndEscalateAsync(key, alert, now, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsStageFailure(ex, cancellationToken))
            {
                _failures.Report(key.Model, MonitoringStage.Alerting, nameof(AlertManager), ex);
            }
        }
    }

    /// <summary>
    /// In a pipeline, one model's alert that throws is counted and logged and the others go on; an
    /// alert manager alone (tests) lets it propagate, and so does cancellation at shutdown.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(_failures))]
    private bool IsStageFailure(Exception exception, CancellationToken cancellationToken) =>
        _failures is not null && !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested);

    private async Task RepeatAndEscalateAsync((string Model, string Name) key, Alert alert, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var updated = Escalate(alert, now);
        if (now - (updated.LastNotifiedAt ?? updated.StartedAt ?? now) >= _options.RepeatInterval)
        {
            updated = _notifier.Notify(updated, _notifier.RouteOf(updated), now, limited: true);
            if (updated.LastNotifiedAt != now)
            {
                updated = updated with { LastNotifiedAt = now }; // withheld: wait a full interval before trying again
            }
        }

        if (!ReferenceEquals(updated, alert))
        {
            _active[key] = updated;
            await SaveAsync(updated, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Resolves the active alerts whose expiry has come, as of their expiry; the channels they reached are told.
    /// Before repeats and escalation, so an expired alert is not escalated in the cycle that ends it.
    /// </summary>
    private async Task ExpireAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var (key, alert) in _active.Where(a => a.Value.ExpiresAt <= now).ToArray())
        {
            try
            {
                var expiry = alert.ExpiresAt!.Value;
                _active.Remove(key);
                var resolved = alert with { State = AlertState.Resolved, ResolvedAt = expiry, Timestamp = expiry };
                var notice = resolved with { Message = alert.Message + " (expired)" };
                var notified = _notifier.Notify(notice, alert.NotifiedChannels, now, limited: false);
                Log.ApplicationAlertExpired(_logger, alert.Name, alert.Model, alert.Id, expiry);
                await SaveAsync(resolved with { NotificationCount = notified.NotificationCount, LastNotifiedAt = notified.LastNotifiedAt, SuppressedCount = notified.SuppressedCount }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsStageFailure(ex, cancellationToken))
            {
                _failures.Report(key.Model, MonitoringStage.Alerting, nameof(AlertManager), ex);
            }
        }
    }

    /// <summary>Sends the escalation levels the alert has reached since it fired but not yet been sent, judged from its stored start and level.</summary>
    private Alert Escalate(Alert alert, DateTimeOffset now)
    {
        var firingFor = now - (alert.StartedAt ?? now);
        var escalation = _notifier.Policies.EscalationFor(alert.Name);
        for (var level = alert.EscalationLevel; level < escalation.Length && firingFor >= escalation[level].After; level++)
        {
            var step = escalation[level];
            alert = _notifier.Notify(alert, [.. step.Channels], now, limited: false, step.Severity) with { EscalationLevel = level + 1 };
        }

        return alert;
    }

    private (TimeSpan For, AlertSeverity? Severity) RuleFor(Alert observation)
    {
        foreach (var rule in _rules.Effective)
        {
            if (rule.AppliesTo(observation.Model, observation.Environment)
                && (rule.IsDriftRule ? Silence.NameMatches(rule.Metric, observation.Name) : rule.Name == observation.Name))
            {
                return (rule.For, rule.IsDriftRule ? rule.Severity : null);
            }
        }

        return (TimeSpan.Zero, null);
    }

    private async Task<Alert?> ChangeAsync(string alertId, CancellationToken cancellationToken, Func<Alert, DateTimeOffset, Alert?> change)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(alertId);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureAlertsCurrentAsync(cancellationToken).ConfigureAwait(false);
            var (key, alert) = _active.FirstOrDefault(a => a.Value.Id == alertId);
            var now = _timeProvider.GetUtcNow();
            if (alert is null || change(alert, now) is not { } changed)
            {
                return null;
            }

            changed = _notifier.Notify(changed, alert.NotifiedChannels, now, limited: false);
            if (changed.State == AlertState.Resolved)
            {
                _active.Remove(key);
                _resolvedByHand.Add(key);
            }
            else
            {
                _active[key] = changed;
            }

            await _store.SaveAlertAsync(changed, cancellationToken).ConfigureAwait(false);
            return changed;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }

        try
        {
            var now = _timeProvider.GetUtcNow();
            foreach (var alert in await _store.GetActiveAlertsAsync(AlertQuery.All, cancellationToken).ConfigureAwait(false))
            {
                _active[(alert.Model, alert.Name)] = alert;
            }

            _notifier.Silences.AddRange(await _store.GetSilencesAsync(now, cancellationToken).ConfigureAwait(false));
            _notifier.Silences.AddRange(ConfiguredSilences(_options));
            _loaded = true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.AlertStoreLoadFailed(_logger, ex);
        }
    }

    private async Task SaveAsync(Alert alert, CancellationToken cancellationToken)
    {
        try
        {
            await _store.SaveAlertAsync(alert, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.AlertSaveFailed(_logger, ex, alert.Name, alert.Model);
        }
    }
}
