using System.Buffers;
using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;
using ModelMonitoring.Drift.Streaming;
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

    /// <summary>The most classes a model may declare: each adds a probability to every prediction's slot and a column of calibration.</summary>
    internal const int MaxClasses = 1_000;

    internal static void Validate(ModelOptions model, int maxLabelLength, List<string> errors)
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

        ValidateClasses(where, model, maxLabelLength, errors);
        if (!Enum.IsDefined(model.MissingValueHandling))
        {
            errors.Add($"{where}.MissingValues: '{model.MissingValueHandling}' is not allowed; use one of {string.Join(", ", Enum.GetNames<Recording.MissingValueHandling>())}.");
        }

        ValidateCustomMetrics(where, model, errors);
        foreach (var threshold in model.Thresholds)
        {
            ValidateThreshold(where, model, threshold, errors);
        }

        ValidateStreamingDetectors(where, model, errors);
        if (model.ConceptDriftMonitoring is { } concept)
        {
            ConceptDriftValidator.Validate($"{where}.ConceptDrift", concept, errors);
        }
        if (model.DriftMonitoring is { } drift)
        {
            DriftOptionsValidator.Validate($"{where}.Drift", model, drift, errors);
        }

        if (model.PerformanceEstimation is { } estimation)
        {
            PerformanceEstimationValidator.Validate($"{where}.PerformanceEstimation", estimation, model.ClassNames, errors);
        }

        Explainability.ExplainabilityOptionsValidator.Validate($"{where}.Explainability", model.ExplainabilityMonitoring, errors);
        ModelMonitoring.Health.Internal.HealthOptionsValidator.Validate($"{where}.Health", model.HealthScoring, errors);
        ValidateBackgroundExplanation($"{where}.BackgroundExplanation", model, errors);
        ValidateBackgroundPermutation($"{where}.BackgroundPermutation", model.BackgroundPermutation, errors);
    }

    /// <summary>Classes are predicted-class labels, so each must be one a prediction could carry: stored as it is, within the label limit.</summary>
    private static void ValidateClasses(string where, ModelOptions model, int maxLabelLength, List<string> errors)
    {
        var classes = model.ClassNames;
        if (model.EmptyClassListDeclared)
        {
            errors.Add($"{where}.Classes: the class list is empty; name every class the model predicts, in the order of its probabilities, or do not call Classes.");
            return;
        }

        if (classes.Count == 0)
        {
            return;
        }

        if (classes.Count is < 2 or > MaxClasses)
        {
            errors.Add($"{where}.Classes: {classes.Count:N0} classes are not allowed; declare from 2 to {MaxClasses:N0}.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var label in classes)
        {
            if (string.IsNullOrEmpty(label) || label.Length > maxLabelLength || !Recording.StorableText.IsStorable(label))
            {
                errors.Add($"{where}.Classes: '{label}' is not allowed; use 1 to {maxLabelLength:N0} characters (RecordingLimits.MaxLabelLength) with no NUL character or unpaired surrogate.");
            }
            else if (!seen.Add(label))
            {
                errors.Add($"{where}.Classes: '{label}' is declared more than once; class labels must be unique within a model.");
            }
        }
    }

    /// <summary>Whether <paramref name="metric"/> is a built-in window metric or one of the model's custom metrics.</summary>
    internal static bool Produces(ModelOptions model, string metric) =>
        WindowMetricNames.QualityFeatureOf(metric) is { } quality ? ProducesQuality(model, quality.Feature, quality.Suffix)
        : WindowMetricNames.IsWindowMetric(metric) || model.CustomMetricNames.Contains(metric, StringComparer.Ordinal);

    /// <summary>A data-quality metric exists for a declared feature; out-of-range shares for numeric ones, new-category shares for categorical ones.</summary>
    private static bool ProducesQuality(ModelOptions model, string feature, string suffix) => suffix switch
    {
        WindowMetricNames.OutOfRangeShareSuffix => model.NumericFeatureNames.Contains(feature, StringComparer.Ordinal),
        WindowMetricNames.NewCategoryShareSuffix => model.CategoricalFeatureNames.Contains(feature, StringComparer.Ordinal),
        _ => model.NumericFeatureNames.Contains(feature, StringComparer.Ordinal) || model.CategoricalFeatureNames.Contains(feature, StringComparer.Ordinal),
    };

    /// <summary>What a data-quality metric may name, for error messages.</summary>
    internal const string QualityMetricsHelp =
        "quality.<feature>.missing_share or quality.<feature>.constant for a declared feature, quality.<feature>.out_of_range_share for a numeric one, quality.<feature>.new_category_share for a categorical one";

    /// <summary>Checks a threshold's or rule's aggregation: only a custom metric takes one other than the default.</summary>
    internal static void ValidateAggregation(string at, string metric, MetricAggregation aggregation, List<string> errors)
    {
        if (!Enum.IsDefined(aggregation))
        {
            errors.Add($"{at}.Aggregation: '{aggregation}' is not allowed; use one of {string.Join(", ", Enum.GetNames<MetricAggregation>())}.");
        }
        else if (aggregation != MetricAggregation.Mean && WindowMetricNames.IsWindowMetric(metric))
        {
            errors.Add($"{at}.Aggregation: '{metric}' is a built-in window metric, already one value per window; Aggregation applies to custom metrics only, leave it at Mean.");
        }
    }

    private static void ValidateCustomMetrics(string where, ModelOptions model, List<string> errors)
    {
        if (model.CustomMetricNames.Count > ModelOptions.MaxCustomMetrics)
        {
            errors.Add($"{where}.CustomMetrics: {model.CustomMetricNames.Count} names are declared; at most {ModelOptions.MaxCustomMetrics} are allowed per model.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in model.CustomMetricNames)
        {
            if (!IsValidName(name))
            {
                errors.Add($"{where}.CustomMetrics: '{name}' is not allowed; use 1 to 128 letters, digits, '_', '.', '-' or ':'.");
            }
            else if (WindowMetricNames.IsWindowMetric(name) || name.StartsWith(AlertRuleConstants.DriftPrefix, StringComparison.Ordinal) || name is Health.HealthMetricNames.Score or Health.HealthMetricNames.Status)
            {
                errors.Add($"{where}.CustomMetrics: '{name}' is a built-in window metric or drift signal name; choose another name for the recorded metric.");
            }
            else if (!seen.Add(name))
            {
                errors.Add($"{where}.CustomMetrics: '{name}' is declared more than once.");
            }
        }
    }

    private static void ValidateStreamingDetectors(string where, ModelOptions model, List<string> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var detector in model.StreamingDetectors)
        {
            var at = $"{where}.StreamingDetectors['{detector.Name}']";
            if (!IsValidName(detector.Name))
            {
                errors.Add($"{at}.Name: '{detector.Name}' is not allowed; use 1 to 128 letters, digits, '_', '.', '-' or ':'.");
            }
            else if (detector.Name.StartsWith("performance.", StringComparison.Ordinal))
            {
                errors.Add($"{at}.Name: '{detector.Name}' is not allowed; names starting with 'performance.' would share the alerts concept.performance.<metric> of the concept drift check; choose another name.");
            }
            else if (!seen.Add(detector.Name))
            {
                errors.Add($"{at}: the name is used by another streaming detector of this model; each raises the alert concept.<name>, so names must be unique.");
            }

            if (!Enum.IsDefined(detector.Kind))
            {
                errors.Add($"{at}.Kind: '{detector.Kind}' is not allowed; use one of {string.Join(", ", Enum.GetNames<StreamingDetectorKind>())}.");
            }

            if (!Enum.IsDefined(detector.Stream))
            {
                errors.Add($"{at}.Stream: '{detector.Stream}' is not allowed; use one of {string.Join(", ", Enum.GetNames<StreamingDetectorStream>())}.");
            }
            else if (detector.Stream == StreamingDetectorStream.AbsoluteError && detector.NeedsBinaryStream)
            {
                errors.Add($"{at}.Kind: {detector.Kind} reads 0/1 errors only, not the AbsoluteError stream; use Adwin, PageHinkley or Kswin for absolute errors, or Stream Error.");
            }

            if (!Enum.IsDefined(detector.Severity))
            {
                errors.Add($"{at}.Severity: '{detector.Severity}' is not allowed; use one of {string.Join(", ", Enum.GetNames<AlertSeverity>())}.");
            }

            if (detector.ResolveAfterLabels < 1)
            {
                errors.Add($"{at}.ResolveAfterLabels: {detector.ResolveAfterLabels} is not allowed; use at least 1.");
            }
        }
    }

    private static void ValidateThreshold(string where, ModelOptions model, MetricThreshold threshold, List<string> errors)
    {
        var at = $"{where}.Thresholds['{threshold.Metric}']";
        if (threshold.Metric is not null && WindowMetricNames.QualityFeatureOf(threshold.Metric) is not null && !Produces(model, threshold.Metric))
        {
            errors.Add($"{at}: '{threshold.Metric}' is not a data-quality metric of this model; use {QualityMetricsHelp}.");
        }
        else if (threshold.Metric is null || !Produces(model, threshold.Metric))
        {
            errors.Add($"{at}: '{threshold.Metric}' is not a window metric nor a custom metric of this model; use one of {string.Join(", ", WindowMetricNames.All)}, class_share.<label>, quality.<feature>.<measure>, or declare it with CustomMetrics(\"{threshold.Metric}\") and record it with RecordMetric.");
        }
        else
        {
            ValidateAggregation(at, threshold.Metric, threshold.Aggregation, errors);
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

    private static void ValidateBackgroundExplanation(string where, ModelOptions model, List<string> errors)
    {
        var options = model.BackgroundExplanation;
        var features = model.BackgroundExplainer?.FeatureCount ?? model.BackgroundLimeExplainer?.FeatureCount;
        if (features is { } count && count != model.NumericFeatureNames.Count)
        {
            errors.Add($"{where}: the explainer takes {count} features but the model has {model.NumericFeatureNames.Count} numeric features; build it over the numeric features, in order.");
        }

        if (!(options.SampleRate > 0 && options.SampleRate <= 1))
        {
            errors.Add($"{where}.SampleRate: {options.SampleRate} is not allowed; use a share above 0 and at most 1.");
        }

        if (options.MaxExplanationsPerCycle is < 1 or > 10_000)
        {
            errors.Add($"{where}.MaxExplanationsPerCycle: {options.MaxExplanationsPerCycle} is not allowed; use a value from 1 to 10,000.");
        }

        if (!(options.BudgetPerCycle > TimeSpan.Zero && options.BudgetPerCycle <= TimeSpan.FromMinutes(1)))
        {
            errors.Add($"{where}.BudgetPerCycle: {options.BudgetPerCycle} is not allowed; use a duration above zero and at most one minute.");
        }

        if (options.QueueCapacity is < 1 or > 1_000_000)
        {
            errors.Add($"{where}.QueueCapacity: {options.QueueCapacity} is not allowed; use a value from 1 to 1,000,000.");
        }
    }

    private static void ValidateBackgroundPermutation(string where, Explainability.BackgroundPermutationOptions options, List<string> errors)
    {
        if (!(options.SampleRate > 0 && options.SampleRate <= 1))
        {
            errors.Add($"{where}.SampleRate: {options.SampleRate} is not allowed; use a share above 0 and at most 1.");
        }

        if (options.Rows is < 10 or > 100_000)
        {
            errors.Add($"{where}.Rows: {options.Rows} is not allowed; use a value from 10 to 100,000.");
        }

        if (options.PendingCapacity is < 1 or > 1_000_000)
        {
            errors.Add($"{where}.PendingCapacity: {options.PendingCapacity} is not allowed; use a value from 1 to 1,000,000.");
        }

        if (options.Repeats is < 1 or > 100)
        {
            errors.Add($"{where}.Repeats: {options.Repeats} is not allowed; use a value from 1 to 100.");
        }
    }
}
