using System.Globalization;
using ModelMonitoring.Alerting;
using ModelMonitoring.Drift;

namespace ModelMonitoring.DriftMonitoring;

/// <summary>
/// Turns one model's drift checks into alert observations for the alert manager:
/// <c>drift.dataset</c> and <c>drift.&lt;feature&gt;</c> are reported as holding when drift starts,
/// and as clear at every check without it — so an alert restored from the store after a restart
/// resolves at the first clean check. The manager keeps lasting drift to one alert. With several
/// detectors, a condition holds when any of them reports it.
/// </summary>
/// <remarks>
/// A feature's alert is <see cref="AlertSeverity.Critical"/> when its test's p-value is below 0.01, or
/// its distance is at least twice its threshold; otherwise <see cref="AlertSeverity.Warning"/>. The
/// dataset alert is critical when a drifted result recommends <see cref="DriftSeverity.Critical"/>.
/// </remarks>
internal sealed class DriftAlertEvaluator(ModelSchema model)
{
    private readonly Dictionary<string, AlertSeverity> _firingFeatures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FeatureDriftResult> _latest = new(StringComparer.Ordinal);
    private readonly List<string> _gone = [];
    private AlertSeverity? _datasetFiring;

    public static AlertSeverity SeverityOf(FeatureDriftResult feature) => feature.PValue is { } p
        ? p < DriftMonitoringConstants.CriticalPValue ? AlertSeverity.Critical : AlertSeverity.Warning
        : feature.Statistic >= DriftMonitoringConstants.CriticalDistanceMultiple * feature.Threshold ? AlertSeverity.Critical : AlertSeverity.Warning;

    public void Evaluate(IReadOnlyList<DetectorResult> results, DateTimeOffset at, List<Alert> alerts)
    {
        if (results.Count == 0)
        {
            return;
        }

        EvaluateDataset(results, at, alerts);
        EvaluateFeatures(results, at, alerts);
    }

    private void EvaluateDataset(IReadOnlyList<DetectorResult> all, DateTimeOffset at, List<Alert> alerts)
    {
        // Prediction drift is about the outputs, not the dataset of features: it raises its own drift.prediction.* alerts only.
        var results = all.Where(r => r.Detector != DriftChecker.PredictionDetectorName).ToList();
        if (results.Count == 0)
        {
            return;
        }

        var drifted = results.Where(r => r.Result.DatasetDrifted).Select(r => r.Result).ToList();
        if (drifted.Count > 0 && _datasetFiring is null)
        {
            var severity = drifted.Any(r => r.Recommendation == DriftSeverity.Critical) ? AlertSeverity.Critical : AlertSeverity.Warning;
            var first = drifted[0];
            var features = string.Join("; ", drifted.SelectMany(r => r.Features).Where(f => f.Drifted).Select(Describe));
            _datasetFiring = severity;
            var (value, threshold, rule) = Decisive(first);
            alerts.Add(Create(DriftMonitoringConstants.DatasetAlertName, severity, AlertState.Firing, value, threshold, at, Format(
                $"{model.Name}: dataset drift{rule}, {first.DriftedCount} of {first.Features.Count} features drifted ({first.DriftedShare:0.#%}), score {first.Score:0.00}, recommendation {first.Recommendation}: {features}.")));
        }
        else if (drifted.Count == 0)
        {
            var first = results[0].Result;
            var firing = _datasetFiring ?? AlertSeverity.Warning;
            _datasetFiring = null;
            var (value, threshold, _) = Decisive(first);
            alerts.Add(Create(DriftMonitoringConstants.DatasetAlertName, firing, AlertState.Resolved, value, threshold, at, Format(
                $"{model.Name}: no dataset drift any more, {first.DriftedCount} of {first.Features.Count} features drifted ({first.DriftedShare:0.#%}), score {first.Score:0.00}.")));
        }
    }

    private void EvaluateFeatures(IReadOnlyList<DetectorResult> results, DateTimeOffset at, List<Alert> alerts)
    {
        // Per feature, the drifted result with the highest severity, else the first result.
        _latest.Clear();
        foreach (var feature in results.SelectMany(r => r.Result.Features))
        {
            if (!_latest.TryGetValue(feature.Feature, out var kept)
                || (feature.Drifted && (!kept.Drifted || SeverityOf(feature) > SeverityOf(kept))))
            {
                _latest[feature.Feature] = feature;
            }
        }

        foreach (var (name, feature) in _latest)
        {
            if (feature.Drifted && !_firingFeatures.ContainsKey(name))
            {
                var severity = SeverityOf(feature);
                _firingFeatures.Add(name, severity);
                alerts.Add(Create(DriftMonitoringConstants.AlertPrefix + name, severity, AlertState.Firing, feature.Statistic, feature.Threshold, at, Format(
                    $"{model.Name}: feature '{name}' drifted: {Describe(feature)}.")));
            }
            else if (!feature.Drifted)
            {
                var firing = _firingFeatures.Remove(name, out var was) ? was : AlertSeverity.Warning;
                alerts.Add(Create(DriftMonitoringConstants.AlertPrefix + name, firing, AlertState.Resolved, feature.Statistic, feature.Threshold, at, Format(
                    $"{model.Name}: feature '{name}' no longer drifts: {Describe(feature)}.")));
            }
        }

        // A feature no detector reports any more (the reference changed) cannot be drifting.
        _gone.Clear();
        _gone.AddRange(_firingFeatures.Keys.Where(name => !_latest.ContainsKey(name)));
        foreach (var name in _gone)
        {
            _firingFeatures.Remove(name, out var firing);
            alerts.Add(Create(DriftMonitoringConstants.AlertPrefix + name, firing, AlertState.Resolved, null, null, at, Format(
                $"{model.Name}: feature '{name}' is no longer checked for drift.")));
        }
    }

    private static string Describe(FeatureDriftResult feature) => feature.PValue is { } p
        ? Format($"{feature.Feature} {feature.Method} statistic {feature.Statistic:G4}, p = {p:G3} (drift below {feature.Threshold:G3})")
        : Format($"{feature.Feature} {feature.Method} {feature.Statistic:G4} (drift at {feature.Threshold:G3} or more)");

    /// <summary>
    /// The value and threshold an alert shows: the drift share against its threshold, or under the score
    /// rule whichever of its two conditions decided (the score when it is above 0.5, else the share
    /// against 0.3), so the alert never shows a threshold the verdict did not use.
    /// </summary>
    private static (double Value, double Threshold, string Rule) Decisive(DatasetDriftResult result) =>
        result.Rule != DatasetDriftRule.ScoreOrShare ? (result.DriftedShare, result.DriftShareThreshold, string.Empty)
        : result.Score > DriftConstants.SeedDatasetScore ? (result.Score, DriftConstants.SeedDatasetScore, " (score above 0.5)")
        : (result.DriftedShare, DriftConstants.SeedDatasetShare, result.DatasetDrifted ? " (more than 30% of features drifted)" : string.Empty);

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private Alert Create(string name, AlertSeverity severity, AlertState state, double? value, double? threshold, DateTimeOffset at, string message) => new()
    {
        Model = model.Name,
        Version = model.Version,
        Environment = model.Environment,
        Name = name,
        Severity = severity,
        State = state,
        Metric = name,
        Value = value,
        Threshold = threshold,
        Timestamp = at,
        Message = message,
    };
}
