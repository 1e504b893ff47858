using System.Buffers;
using ModelMonitoring.Aggregation;
using ModelMonitoring.DriftMonitoring;

namespace ModelMonitoring.Configuration;

/// <summary>Checks one model declaration.</summary>
internal static class ModelValidator
{
    private static readonly SearchValues<char> NameChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-:");

    /// <summary>Whether a model, feature or metric name is 1 to 128 characters of letters, digits, '_', '.', '-', ':'.</summary>
    internal static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 128 && !name.AsSpan().ContainsAnyExcept(NameChars);

    internal static void Validate(ModelOptions model, List<string> errors)
    {
        var where = $"ModelMonitoringOptions.Models['{model.Name}']";
        if (!IsValidName(model.Name))
        {
            errors.Add($"{where}.Name: '{model.Name}' is not allowed; use 1 to 128 letters, digits, '_', '.', '-' or ':'.");
        }

        if (string.IsNullOrWhiteSpace(model.ModelVersion))
        {
            errors.Add($"{where}.Version: must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(model.ModelEnvironment))
        {
            errors.Add($"{where}.Environment: must not be empty.");
        }

        // Stored with every record of the model, so as short as a name.
        if (model.ModelVersion?.Length > 128 || model.ModelEnvironment?.Length > 128)
        {
            errors.Add($"{where}: a version or environment of {Math.Max(model.ModelVersion?.Length ?? 0, model.ModelEnvironment?.Length ?? 0):N0} characters is not allowed; use at most 128.");
        }

        if (model.EmptyNumericListDeclared)
        {
            errors.Add($"{where}.NumericFeatures: the feature list is empty; name at least one feature, or do not call NumericFeatures.");
        }

        if (model.EmptyCategoricalListDeclared)
        {
            errors.Add($"{where}.CategoricalFeatures: the feature list is empty; name at least one feature, or do not call CategoricalFeatures.");
        }

        var features = new HashSet<string>(StringComparer.Ordinal);
        foreach (var feature in model.NumericFeatureNames.Concat(model.CategoricalFeatureNames))
        {
            if (!IsValidName(feature))
            {
                errors.Add($"{where}.Features: '{feature}' is not allowed; use 1 to 128 letters, digits, '_', '.', '-' or ':'.");
            }
            else if (!features.Add(feature))
            {
                errors.Add($"{where}.Features: '{feature}' is declared more than once; feature names must be unique within a model.");
            }
        }

        foreach (var threshold in model.Thresholds)
        {
            ValidateThreshold(where, threshold, errors);
        }

        if (model.DriftMonitoring is { } drift)
        {
            DriftOptionsValidator.Validate($"{where}.Drift", model, drift, errors);
        }
    }

    private static void ValidateThreshold(string where, MetricThreshold threshold, List<string> errors)
    {
        var at = $"{where}.Thresholds['{threshold.Metric}']";
        if (!WindowMetricNames.IsWindowMetric(threshold.Metric))
        {
            errors.Add($"{at}: '{threshold.Metric}' is not a window metric; use one of {string.Join(", ", WindowMetricNames.All)} or class_share.<label>.");
        }

        if (threshold.Min is null && threshold.Max is null && threshold.MaxChangeFromBaseline is null)
        {
            errors.Add($"{at}: set at least one of Min, Max or MaxChangeFromBaseline.");
        }

        if (threshold.Min is { } min && threshold.Max is { } max && min > max)
        {
            errors.Add($"{at}: Min ({min}) must not exceed Max ({max}).");
        }

        if (threshold.Min is { } m && !double.IsFinite(m) || threshold.Max is { } x && !double.IsFinite(x) || threshold.Baseline is { } b && !double.IsFinite(b))
        {
            errors.Add($"{at}: Min, Max and Baseline must be finite numbers.");
        }

        if (threshold.MaxChangeFromBaseline is { } change && (!double.IsFinite(change) || change <= 0))
        {
            errors.Add($"{at}.MaxChangeFromBaseline: {change} is not allowed; use a positive fraction such as 0.5 for ±50 %.");
        }

        if (threshold.BaselineWindows is < 1 or > 1000)
        {
            errors.Add($"{at}.BaselineWindows: {threshold.BaselineWindows} is not allowed; use a value from 1 to 1,000.");
        }
    }
}
