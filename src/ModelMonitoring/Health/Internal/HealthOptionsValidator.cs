namespace ModelMonitoring.Health.Internal;

/// <summary>Checks a model's health settings at start-up, naming each bad setting and what is allowed.</summary>
internal static class HealthOptionsValidator
{
    public static void Validate(string where, HealthOptions options, List<string> errors)
    {
        Levels(where, nameof(HealthOptions.ErrorRateWarning), options.ErrorRateWarning, nameof(HealthOptions.ErrorRateCritical), options.ErrorRateCritical, 1, errors);
        Levels(where, nameof(HealthOptions.LatencyRatioWarning), options.LatencyRatioWarning, nameof(HealthOptions.LatencyRatioCritical), options.LatencyRatioCritical, double.MaxValue, errors);
        Levels(where, nameof(HealthOptions.PerformanceDropWarning), options.PerformanceDropWarning, nameof(HealthOptions.PerformanceDropCritical), options.PerformanceDropCritical, 1, errors);
        Levels(where, nameof(HealthOptions.QualityShareWarning), options.QualityShareWarning, nameof(HealthOptions.QualityShareCritical), options.QualityShareCritical, 1, errors);
        if (!(options.DriftShareCritical > 0 && options.DriftShareCritical <= 1))
        {
            errors.Add($"{where}.DriftShareCritical: {options.DriftShareCritical} is not allowed; use a share above 0 and at most 1.");
        }

        Points(where, nameof(HealthOptions.ErrorRateWeight), options.ErrorRateWeight, errors);
        Points(where, nameof(HealthOptions.LatencyWeight), options.LatencyWeight, errors);
        Points(where, nameof(HealthOptions.PerformanceWeight), options.PerformanceWeight, errors);
        Points(where, nameof(HealthOptions.DriftWeight), options.DriftWeight, errors);
        Points(where, nameof(HealthOptions.QualityWeight), options.QualityWeight, errors);
        Points(where, nameof(HealthOptions.AlertsWeight), options.AlertsWeight, errors);
        Points(where, nameof(HealthOptions.CriticalAlertPenalty), options.CriticalAlertPenalty, errors);
        Points(where, nameof(HealthOptions.WarningAlertPenalty), options.WarningAlertPenalty, errors);

        if (options.LatencyBaseline is { } latency && latency <= TimeSpan.Zero)
        {
            errors.Add($"{where}.LatencyBaseline: {latency} is not allowed; use a positive duration, or leave it unset to learn it.");
        }

        if (options.PerformanceBaseline is { } performance && !(performance > 0 && double.IsFinite(performance)))
        {
            errors.Add($"{where}.PerformanceBaseline: {performance} is not allowed; use a positive, finite value (accuracy or mean absolute error), or leave it unset to learn it.");
        }

        if (options.LatencyBaselineWindows is < 1 or > 1000)
        {
            errors.Add($"{where}.LatencyBaselineWindows: {options.LatencyBaselineWindows} is not allowed; use a value from 1 to 1,000.");
        }

        if (!(options.DegradedAtLeast > 0 && options.DegradedAtLeast < options.HealthyAtLeast && options.HealthyAtLeast <= 100))
        {
            errors.Add($"{where}.HealthyAtLeast/DegradedAtLeast: {options.HealthyAtLeast}/{options.DegradedAtLeast} is not allowed; use 0 < DegradedAtLeast < HealthyAtLeast <= 100.");
        }
    }

    private static void Levels(string where, string warningName, double warning, string criticalName, double critical, double max, List<string> errors)
    {
        if (!(warning >= 0 && warning < critical && critical <= max && double.IsFinite(critical)))
        {
            var limit = max == double.MaxValue ? "finite" : $"at most {max}";
            errors.Add($"{where}.{warningName}/{criticalName}: {warning}/{critical} is not allowed; use 0 <= {warningName} < {criticalName}, {criticalName} {limit}.");
        }
    }

    private static void Points(string where, string name, double value, List<string> errors)
    {
        if (!(value >= 0 && value <= 100))
        {
            errors.Add($"{where}.{name}: {value} is not allowed; use a number of points from 0 to 100.");
        }
    }
}
