using ModelMonitoring.Alerting;

namespace ModelMonitoring.Explainability;

/// <summary>
/// Turns explainability conditions into alert observations, as <see cref="DriftMonitoring.DriftAlertEvaluator"/> does for
/// drift: a condition is reported firing when it starts to hold and resolved at every check without it (so an alert
/// restored after a restart resolves at the first clean check); the alert manager keeps a lasting condition to one alert.
/// </summary>
internal sealed class ConditionAlerts(ModelSchema model)
{
    private readonly Dictionary<string, AlertSeverity> _firing = new(StringComparer.Ordinal);

    public void Update(string name, bool holds, AlertSeverity severity, double? value, double? threshold, DateTimeOffset at, string message, List<Alert> alerts)
    {
        if (holds && _firing.ContainsKey(name))
        {
            return;
        }

        AlertSeverity reported;
        if (holds)
        {
            _firing.Add(name, severity);
            reported = severity;
        }
        else
        {
            reported = _firing.Remove(name, out var was) ? was : severity;
        }

        alerts.Add(new Alert
        {
            Model = model.Name,
            Version = model.Version,
            Environment = model.Environment,
            Name = name,
            Severity = reported,
            State = holds ? AlertState.Firing : AlertState.Resolved,
            Metric = name,
            Value = value,
            Threshold = threshold,
            Timestamp = at,
            Message = message,
        });
    }
}
