using System.Globalization;
using ModelMonitoring.Alerting;
using ModelMonitoring.Storage;

namespace ModelMonitoring.ConceptDrift;

/// <summary>
/// Turns one model's concept drift checks into alert observations: <c>concept.performance.&lt;metric&gt;</c> is reported as
/// firing when a check first finds drift, and as resolved at every check without it, so that an alert restored from the store
/// after a restart or a change of leader resolves at the first clean check (resolving an alert that is not active changes
/// nothing). The alert manager keeps lasting drift to one alert.
/// </summary>
internal sealed class ConceptDriftAlerts(ModelSchema model)
{
    private readonly Dictionary<string, AlertSeverity> _firing = new(StringComparer.Ordinal);

    public static string AlertName(string metric) => ConceptDriftConstants.AlertPrefix + metric;

    /// <summary>Forgets what fired: another replica may have led since.</summary>
    public void Forget() => _firing.Clear();

    public void Evaluate(ConceptDriftCheck check, double minDegradationPercent, List<Alert> observations)
    {
        var name = AlertName(check.Metric);
        var summary = Format($"{check.Metric} {check.CurrentMean:G4} over {check.CurrentCount} window(s) against {check.ReferenceMean:G4} over {check.ReferenceCount}, degradation {check.DegradationPercent:0.##} %, Welch t = {check.TStatistic:G4}, p = {check.PValue:G3}");
        if (check.Drifted && check.Severity is { } severity)
        {
            if (!_firing.ContainsKey(name))
            {
                _firing.Add(name, severity);
                observations.Add(Create(name, severity, AlertState.Firing, check, minDegradationPercent, Format($"{model.Name}: concept drift, performance degraded: {summary}.")));
            }
        }
        else if (!check.Drifted)
        {
            var was = _firing.Remove(name, out var firing) ? firing : AlertSeverity.Warning;
            observations.Add(Create(name, was, AlertState.Resolved, check, minDegradationPercent, Format($"{model.Name}: no concept drift any more: {summary}.")));
        }
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private Alert Create(string name, AlertSeverity severity, AlertState state, ConceptDriftCheck check, double minDegradationPercent, string message) => new()
    {
        Model = model.Name,
        Version = model.Version,
        Environment = model.Environment,
        Name = name,
        Severity = severity,
        State = state,
        Metric = name,
        Value = double.IsFinite(check.DegradationPercent) ? check.DegradationPercent : null,
        Threshold = minDegradationPercent,
        Timestamp = check.CheckedAt,
        Message = message,
    };
}
