using ModelMonitoring.Alerting;
using ModelMonitoring.Estimation;

namespace ModelMonitoring.Configuration;

/// <summary>Checks a model's <see cref="PerformanceEstimationOptions"/>; part of <see cref="ModelValidator"/>, so every error is reported together.</summary>
internal static class PerformanceEstimationValidator
{
    public static void Validate(string where, PerformanceEstimationOptions options, List<string> errors)
    {
        if (options.Reference is null)
        {
            errors.Add($"{where}.Reference: no labelled reference is set; set it in code with CbpeReference.Create(predictedClasses, confidences, actualClasses) from predictions whose labels are known.");
        }

        if (options.Metrics == EstimatedMetric.None || (options.Metrics & ~EstimatedMetric.All) != 0)
        {
            errors.Add($"{where}.Metrics: '{options.Metrics}' is not allowed; use one or more of {string.Join(", ", Enum.GetNames<EstimatedMetric>().Where(n => n is not nameof(EstimatedMetric.None)))}.");
        }
        else if (options.Metrics == EstimatedMetric.RocAuc && options.Reference is { IsBinary: false })
        {
            errors.Add($"{where}.Metrics: RocAuc alone is not allowed with a reference of {options.Reference.Classes.Count} classes; ROC AUC is estimated for two classes only, add Accuracy, Precision, Recall or F1.");
        }

        if (!(options.BandWidth > 0 && options.BandWidth <= PerformanceEstimationConstants.MaxBandWidth))
        {
            errors.Add($"{where}.BandWidth: {options.BandWidth} is not allowed; use a number of standard deviations greater than 0 and at most {PerformanceEstimationConstants.MaxBandWidth}, such as 3 (NannyML's) or 1.96 (a 95 % band).");
        }

        if (options.MinWindowSize is < PerformanceEstimationConstants.MinWindowSize or > PerformanceEstimationConstants.MaxWindowSize)
        {
            errors.Add($"{where}.MinWindowSize: {options.MinWindowSize} is not allowed; use a value from {PerformanceEstimationConstants.MinWindowSize} to {PerformanceEstimationConstants.MaxWindowSize:N0}.");
        }

        if (options.MaxWindowPredictions < Math.Max(options.MinWindowSize, PerformanceEstimationConstants.MinWindowSize) || options.MaxWindowPredictions > PerformanceEstimationConstants.MaxWindowSize)
        {
            errors.Add($"{where}.MaxWindowPredictions: {options.MaxWindowPredictions} is not allowed; use a value from MinWindowSize ({options.MinWindowSize}) to {PerformanceEstimationConstants.MaxWindowSize:N0}.");
        }

        if (!Enum.IsDefined(options.Severity))
        {
            errors.Add($"{where}.Severity: '{options.Severity}' is not allowed; use one of {string.Join(", ", Enum.GetNames<AlertSeverity>())}.");
        }
    }
}
