namespace ModelMonitoring.Alerting;

/// <summary>
/// Decides which channels a notification of each severity goes to: the explicit route of
/// <see cref="AlertingOptions.Routes"/> when the severity has one, otherwise every channel whose
/// <see cref="IAlertChannel.MinimumSeverity"/> the severity reaches. Channels declare their own
/// default, so the core knows no channel by name.
/// </summary>
internal sealed class AlertRouter
{
    private readonly Dictionary<AlertSeverity, string[]> _routes = [];

    public AlertRouter(IDictionary<AlertSeverity, IList<string>> routes, IEnumerable<IAlertChannel> channels)
    {
        var all = channels.ToArray();
        foreach (var severity in Enum.GetValues<AlertSeverity>())
        {
            _routes[severity] = routes.TryGetValue(severity, out var names)
                ? [.. names.Distinct(StringComparer.Ordinal)]
                : [.. all.Where(c => severity >= c.MinimumSeverity).Select(c => c.Name)];
        }
    }

    public IReadOnlyList<string> ChannelsFor(AlertSeverity severity) => _routes.TryGetValue(severity, out var names) ? names : [];
}
