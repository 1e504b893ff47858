namespace ModelMonitoring.Alerting;

/// <summary>Decides which channels a notification of each severity goes to (see <see cref="AlertingOptions.Routes"/> for the defaults).</summary>
internal sealed class AlertRouter
{
    private static readonly string[] NotForWarning = ["email", "pagerduty"];
    private static readonly string[] NotForInfo = ["slack", "email", "pagerduty"];
    private readonly Dictionary<AlertSeverity, string[]> _routes = [];

    public AlertRouter(IDictionary<AlertSeverity, IList<string>> routes, IReadOnlyCollection<string> channels)
    {
        foreach (var severity in Enum.GetValues<AlertSeverity>())
        {
            _routes[severity] = routes.TryGetValue(severity, out var names)
                ? [.. names.Distinct(StringComparer.Ordinal)]
                : [.. channels.Where(c => severity switch
                {
                    AlertSeverity.Critical => true,
                    AlertSeverity.Warning => !NotForWarning.Contains(c, StringComparer.Ordinal),
                    _ => !NotForInfo.Contains(c, StringComparer.Ordinal),
                })];
        }
    }

    public IReadOnlyList<string> ChannelsFor(AlertSeverity severity) => _routes.TryGetValue(severity, out var names) ? names : [];
}
