using ModelMonitoring.Alerting;
using ModelMonitoring.Estimation;

namespace ModelMonitoring.Configuration;

/// <summary>Checks a model's <see cref="PerformanceEstimationOptions"/>; part of <see cref="ModelValidator"/>, so every error is reported together.</summary>
internal static class PerformanceEstimationValidator
{
    /// <param name="where">The setting's path, for the messages.</param>
    /// <param name="options">The settings.</param>
    /// <param name="modelClasses">The model's declared classes (<see cref="ModelOptions.Classes"/>), in order.</param>
    /// <param name="errors">Receives the errors.</param>
    public static void Validate(string where, PerformanceEstimationOptions options, IReadOnlyList<string> modelClasses, List<string> errors)
    {
        if (options.Reference is null)
        {
            errors.Add($"{where}.Reference: no labelled reference is set; set it in code with CbpeReference.Create(predictedClasses, confidences, actualClasses) from predictions whose labels are known.");
        }

        if (options.Metrics == EstimatedMetric.None || (options.Metrics & ~EstimatedMetric.All) != 0)
        {
            errors.Add($"{where}.Metrics: '{options.Metrics}' is not allowed; use one or more of {string.Join(", ", Enum.GetNames<EstimatedMetric>().Where(n => n is not nameof(EstimatedMetric.None)))}.");
        }
        else if (options.Metrics == EstimatedMetric.RocAuc && options.Reference is { IsBinary: false, UsesClassProbabilities: false })
        {
            errors.Add($"{where}.Metrics: RocAuc alone is not allowed with a reference of {options.Reference.Classes.Count} classes built from confidences; ROC AUC of more than two classes needs class probabilities (build the reference with CbpeReference.Create(classes, predictedClasses, classProbabilities, actualClasses) and declare the model's Classes), or add Accuracy, Precision, Recall or F1.");
        }

        // A reference built from class probabilities indexes them by its classes: the model must give them in that order.
        if (options.Reference is { UsesClassProbabilities: true } reference && !reference.Classes.SequenceEqual(modelClasses, StringComparer.Ordinal))
        {
            errors.Add($"{where}.Reference: the reference's classes ({string.Join(", ", reference.Classes)}) are not the model's Classes ({(modelClasses.Count == 0 ? "none declared" : string.Join(", ", modelClasses))}); declare Classes({string.Join(", ", reference.Classes.Select(c => $"\"{c}\""))}) in the order of the predictions' class probabilities.");
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

        // A window keeps every class's probability of each prediction it keeps: bounded, so that many classes cannot
        // make an open window hold gigabytes.
        if (options.Reference is { EstimatesFromProbabilities: true } probabilities
            && (long)options.MaxWindowPredictions * probabilities.Classes.Count > PerformanceEstimationConstants.MaxWindowProbabilities)
        {
            var k = probabilities.Classes.Count;
            errors.Add($"{where}.MaxWindowPredictions: {options.MaxWindowPredictions:N0} predictions of {k:N0} class probabilities each is not allowed; an open window keeps at most {PerformanceEstimationConstants.MaxWindowProbabilities:N0} probabilities (80 MB), so use at most {PerformanceEstimationConstants.MaxWindowProbabilities / k:N0} with {k:N0} classes.");
        }

        if (!Enum.IsDefined(options.Severity))
        {
            errors.Add($"{where}.Severity: '{options.Severity}' is not allowed; use one of {string.Join(", ", Enum.GetNames<AlertSeverity>())}.");
        }
    }
}
