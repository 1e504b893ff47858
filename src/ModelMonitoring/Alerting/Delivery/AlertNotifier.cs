using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelMonitoring.Internal;

namespace ModelMonitoring.Alerting;

/// <summary>
/// Sends notifications: applies silences and suppression, routes by severity, and hands each
/// notification to the channels' own queues. Returns the alert with its notification bookkeeping updated.
/// </summary>
internal sealed class AlertNotifier
{
    private readonly Dictionary<string, ChannelQueue> _queues = new(StringComparer.Ordinal);
    private NotificationLimiter _limiter = new();
    private string _suppression;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<IAlertChannel> _channels;
    private long _silenced;
    private long _suppressed;

    public AlertNotifier(AlertingOptions options, IReadOnlyList<IAlertChannel> channels, TimeSpan timeout, TimeProvider timeProvider, ILogger logger)
    {
        _logger = logger;
        _channels = channels;
        // Routes name channels, so a second channel with a taken name would never be sent anything.
        var duplicates = channels.GroupBy(c => c.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (duplicates.Length > 0)
        {
            throw new OptionsValidationException(nameof(ModelMonitoringOptions), typeof(ModelMonitoringOptions), [
                $"Alert channels: the name(s) {string.Join(", ", duplicates.Select(d => $"'{d}'"))} are used by more than one registered channel; give each channel its own name."]);
        }

        foreach (var channel in channels)
        {
            _queues.Add(channel.Name, new ChannelQueue(channel, options.ChannelQueueCapacity, timeout, timeProvider, logger));
        }

        CheckChannelNames(options);
        _suppression = SuppressionSettings(options);
        Policies = new AlertPolicies(options);
        Router = new AlertRouter(options.Routes, _channels);
    }

    public AlertRouter Router { get; private set; }

    /// <summary>Gets the suppression and escalation per alert name.</summary>
    public AlertPolicies Policies { get; private set; }

    /// <summary>Takes reloaded routes and suppression; called by the alert manager under its lock. Suppression counts survive unless its settings changed.</summary>
    public void Reload(AlertingOptions options)
    {
        Router = new AlertRouter(options.Routes, _channels);
        Policies = new AlertPolicies(options);
        var suppression = SuppressionSettings(options);
        if (!string.Equals(_suppression, suppression, StringComparison.Ordinal))
        {
            _limiter = new NotificationLimiter();
            _suppression = suppression;
        }
    }

    /// <summary>Returns whether a channel of this name is registered.</summary>
    public bool IsRegistered(string channel) => _queues.ContainsKey(channel);

    /// <summary>Gets the channels a notification of <paramref name="alert"/> goes to: those the application named when raising it, else its severity's route.</summary>
    public IReadOnlyList<string> RouteOf(Alert alert) => alert.Channels.Count > 0 ? alert.Channels : Router.ChannelsFor(alert.Severity);

    public List<Silence> Silences { get; } = [];

    public IReadOnlyCollection<ChannelQueue> Queues => _queues.Values;

    public long Silenced => Interlocked.Read(ref _silenced);

    public long Suppressed => Interlocked.Read(ref _suppressed);

    /// <summary>Notifies <paramref name="channels"/> about <paramref name="alert"/> unless a silence or (when <paramref name="limited"/>) the suppression cap withholds it.</summary>
    public Alert Notify(Alert alert, IReadOnlyList<string> channels, DateTimeOffset now, bool limited, AlertSeverity? severity = null)
    {
        if (channels.Count == 0)
        {
            return alert;
        }

        var sent = severity is { } s && s != alert.Severity ? alert with { Severity = s } : alert;
        if (Silences.Exists(silence => silence.Matches(sent, now)))
        {
            return Withhold(alert, ref _silenced, "silenced");
        }

        if (limited && !_limiter.TryAcquire(sent.Name, sent.Severity, Policies.SuppressionFor(sent.Name), now))
        {
            return Withhold(alert, ref _suppressed, "suppressed");
        }

        foreach (var name in channels)
        {
            if (_queues.TryGetValue(name, out var queue))
            {
                queue.TryEnqueue(sent);
            }
        }

        var notified = alert.NotifiedChannels.Union(channels, StringComparer.Ordinal).ToArray();
        return alert with { NotificationCount = alert.NotificationCount + 1, LastNotifiedAt = now, NotifiedChannels = notified };
    }

    /// <summary>Waits until every channel queue is idle, up to <paramref name="timeout"/>.</summary>
    public async Task<bool> WhenIdleAsync(TimeSpan timeout)
    {
        var results = await Task.WhenAll(_queues.Values.Select(q => q.WhenIdleAsync(timeout))).ConfigureAwait(false);
        return results.All(r => r);
    }

    /// <summary>Stops every queue: what is queued gets up to <paramref name="timeout"/> to be delivered, the rest is dropped and counted.</summary>
    public Task StopAsync(TimeSpan timeout) => Task.WhenAll(_queues.Values.Select(q => q.StopAsync(timeout)));

    /// <summary>Routes and escalation levels may only name registered channels; a typo would otherwise lose every alert it should carry.</summary>
    /// <exception cref="OptionsValidationException">A route or escalation level names a channel that is not registered.</exception>
    internal void CheckChannelNames(AlertingOptions options)
    {
        var named = options.Routes.SelectMany(r => r.Value.Select(c => (Setting: $"Routes[{r.Key}]", Channel: c)))
            .Concat(options.Escalation.SelectMany((l, i) => l.Channels.Select(c => (Setting: $"Escalation[{i}].Channels", Channel: c))))
            .Concat(options.Policies.SelectMany(p => (p.Value?.Escalation ?? []).SelectMany((l, i) => l.Channels.Select(c => (Setting: $"Policies[{p.Key}].Escalation[{i}].Channels", Channel: c)))));
        var errors = named.Where(n => !_queues.ContainsKey(n.Channel))
            .Select(n => $"ModelMonitoringOptions.Alerting.{n.Setting}: '{n.Channel}' is not a registered alert channel; registered: {string.Join(", ", _queues.Keys)}.")
            .ToArray();
        if (errors.Length > 0)
        {
            throw new OptionsValidationException(nameof(ModelMonitoringOptions), typeof(ModelMonitoringOptions), errors);
        }
    }

    /// <summary>The suppression settings as text: counts survive a reload that leaves them unchanged.</summary>
    private static string SuppressionSettings(AlertingOptions options) => string.Join(
        ';',
        options.Policies.Where(p => p.Value?.Suppression is not null).OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => FormattableString.Invariant($"{p.Key}={p.Value.Suppression!.MaxNotifications}/{p.Value.Suppression.Window}"))
            .Prepend(FormattableString.Invariant($"{options.Suppression.MaxNotifications}/{options.Suppression.Window}")));

    private Alert Withhold(Alert alert, ref long counter, string reason)
    {
        Interlocked.Increment(ref counter);
        Log.AlertNotificationWithheld(_logger, alert.Name, alert.Model, reason);
        return alert with { SuppressedCount = alert.SuppressedCount + 1 };
    }
}
