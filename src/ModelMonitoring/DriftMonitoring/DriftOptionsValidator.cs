using ModelMonitoring.Configuration;
using ModelMonitoring.Drift;

namespace ModelMonitoring.DriftMonitoring;

/// <summary>Checks a model's drift monitoring settings at start-up, naming each bad setting and what is allowed.</summary>
internal static class DriftOptionsValidator
{
    public static void Validate(string where, ModelOptions model, DriftMonitoringOptions drift, List<string> errors)
    {
        if (drift.WindowSize is < DriftMonitoringConstants.MinRows or > DriftMonitoringConstants.MaxWindowSize)
        {
            errors.Add($"{where}.WindowSize: {drift.WindowSize} is not allowed; use a value from {DriftMonitoringConstants.MinRows} to {DriftMonitoringConstants.MaxWindowSize:N0}.");
        }

        if (drift.CheckInterval <= TimeSpan.Zero || drift.CheckInterval == Timeout.InfiniteTimeSpan)
        {
            errors.Add($"{where}.CheckInterval: {drift.CheckInterval} is not allowed; use a positive, finite duration.");
        }

        var maxRows = Math.Max(DriftMonitoringConstants.MinRows, drift.WindowSize);
        if (drift.MinimumRows < DriftMonitoringConstants.MinRows || drift.MinimumRows > maxRows)
        {
            errors.Add($"{where}.MinimumRows: {drift.MinimumRows} is not allowed; use a value from {DriftMonitoringConstants.MinRows} to the window size ({maxRows:N0}).");
        }

        if (drift.ReferenceFromFirst is { } first && first is < DriftMonitoringConstants.MinRows or > DriftMonitoringConstants.MaxReferenceFromFirst)
        {
            errors.Add($"{where}.ReferenceFromFirst: {first} is not allowed; use a value from {DriftMonitoringConstants.MinRows} to {DriftMonitoringConstants.MaxReferenceFromFirst:N0}, or null not to learn a reference.");
        }

        if (drift.Reference is not null && drift.ReferenceFromFirst is not null)
        {
            errors.Add($"{where}: Reference and ReferenceFromFirst are both set; give a reference or learn one from the first predictions, not both.");
        }

        var numeric = model.NumericFeatureNames;
        var categorical = model.CategoricalFeatureNames;
        if (numeric.Count + categorical.Count == 0)
        {
            errors.Add($"{where}: the model declares no features; declare NumericFeatures or CategoricalFeatures to monitor drift.");
        }

        const string datasetFeature = "dataset";
        if (numeric.Contains(datasetFeature) || categorical.Contains(datasetFeature))
        {
            errors.Add($"{where}: a feature named '{datasetFeature}' would share the alert name '{DriftMonitoringConstants.DatasetAlertName}' with dataset drift; rename the feature to monitor drift.");
        }

        foreach (var output in numeric.Concat(categorical).Where(PredictionDriftFeatures.IsOutput))
        {
            if (drift.PredictionDrift)
            {
                errors.Add($"{where}.PredictionDrift: the feature '{output}' has the name of a model output checked for prediction drift; rename the feature, or turn PredictionDrift off.");
            }
        }

        if (drift.Reference is { } reference)
        {
            foreach (var problem in ReferenceSchemaCheck.Problems(numeric, categorical, reference))
            {
                errors.Add($"{where}.Reference: {problem}; the reference must profile exactly the model's declared features, each as the same kind.");
            }
        }

        // Each declared class's probability becomes a drift feature, stored and alerted under its name.
        var probabilities = drift.PredictionDrift ? model.ClassNames.Select(PredictionDriftFeatures.Probability).ToArray() : [];
        foreach (var name in probabilities.Where(n => !Configuration.ModelValidator.IsValidName(n)))
        {
            errors.Add($"{where}.PredictionDrift: the class '{name[PredictionDriftFeatures.ProbabilityPrefix.Length..]}' cannot name the drift feature of its probability ('{name}'); with PredictionDrift, classes must be letters, digits, '_', '.', '-' or ':', and the name at most 128 characters.");
        }

        // A reference may profile class probabilities (columns named prediction.probability.<class>), but only of declared classes.
        foreach (var name in (drift.Reference?.NumericFeatures.Select(f => f.Name) ?? []).Where(n => n.StartsWith(PredictionDriftFeatures.ProbabilityPrefix, StringComparison.Ordinal)))
        {
            if (!model.ClassNames.Contains(name[PredictionDriftFeatures.ProbabilityPrefix.Length..], StringComparer.Ordinal))
            {
                errors.Add($"{where}.Reference: '{name}' is the probability of a class the model does not declare; declare it with Classes(...), or leave the column out of the reference.");
            }
        }

        IReadOnlyList<string> numericChecked = drift.PredictionDrift ? [.. numeric, PredictionDriftFeatures.Score, PredictionDriftFeatures.Value, .. probabilities] : numeric;
        IReadOnlyList<string> categoricalChecked = drift.PredictionDrift ? [.. categorical, PredictionDriftFeatures.Class] : categorical;
        ValidateDetector($"{where}.DetectorOptions", numericChecked, categoricalChecked, drift.DetectorOptions, errors);
        if (drift.Multivariate is { } multivariate)
        {
            ValidateMultivariate($"{where}.Multivariate", numeric.Count, drift.Reference, multivariate, errors);
        }
    }

    private static void ValidateMultivariate(string at, int numeric, ReferenceProfile? reference, MultivariateDriftOptions options, List<string> errors)
    {
        if (numeric < 2)
        {
            errors.Add($"{at}: the model declares {numeric} numeric feature(s); a multivariate check needs at least 2.");
        }

        if (options.ExplainedVariance is not (> 0 and <= 1))
        {
            errors.Add($"{at}.ExplainedVariance: {options.ExplainedVariance} is not allowed; use a share in (0, 1], such as 0.65.");
        }

        if (options.Components is { } components && (components < 1 || components > numeric))
        {
            errors.Add($"{at}.Components: {components} is not allowed; use 1 to the number of numeric features ({numeric}), or null.");
        }

        if (options.ChunkSize is < 1)
        {
            errors.Add($"{at}.ChunkSize: {options.ChunkSize} is not allowed; use at least 1, or null for the window size.");
        }

        if (options.Alpha is not (> 0 and < 1))
        {
            errors.Add($"{at}.Alpha: {options.Alpha} is not allowed; use a level in (0, 1), such as 0.05.");
        }

        if (reference is not null && reference.RowOrder is null)
        {
            errors.Add($"{at}: the configured Reference does not keep its row order, which the multivariate check needs; create it with ReferenceProfile.Create(..., keepRowOrder: true).");
        }
    }

    private static void ValidateDetector(string at, IReadOnlyList<string> numeric, IReadOnlyList<string> categorical, DatasetDriftOptions? options, List<string> errors)
    {
        if (options is null)
        {
            errors.Add($"{at}: must not be null; leave the default for the automatic method choice.");
            return;
        }

        if (options.DriftShare is not (> 0 and <= 1))
        {
            errors.Add($"{at}.DriftShare: {options.DriftShare} is not allowed; use a share in (0, 1], such as 0.5.");
        }

        if (!Enum.IsDefined(options.Rule))
        {
            errors.Add($"{at}.Rule: {options.Rule} is not allowed; use {DatasetDriftRule.DriftShare} or {DatasetDriftRule.ScoreOrShare}.");
        }

        DriftMethod? defaultMethod = null;
        if (options.DefaultMethod is { } name && !options.Catalog.TryGet(name, out defaultMethod))
        {
            errors.Add($"{at}.DefaultMethod: unknown drift method '{name}'; use one of {options.Catalog.Names}, or leave it unset for the automatic choice.");
        }
        else if (options.DefaultThreshold is { } threshold && defaultMethod is null)
        {
            errors.Add($"{at}.DefaultThreshold: {threshold} needs a DefaultMethod; the automatic choice uses each method's own threshold.");
        }
        else if (defaultMethod is not null && options.DefaultThreshold is { } chosen && defaultMethod.ThresholdError(chosen) is { } thresholdError)
        {
            errors.Add($"{at}.DefaultThreshold: {thresholdError}.");
        }

        foreach (var (feature, choice) in options.Methods)
        {
            var kind = numeric.Contains(feature) ? FeatureKind.Numeric : categorical.Contains(feature) ? FeatureKind.Categorical : (FeatureKind?)null;
            if (kind is null)
            {
                errors.Add($"{at}.Methods['{feature}']: '{feature}' is not a declared feature of the model.");
            }
            else if (choice?.Method is null || !options.Catalog.TryGet(choice.Method, out var method))
            {
                errors.Add($"{at}.Methods['{feature}']: unknown drift method '{choice?.Method}'; use one of {options.Catalog.Names}.");
            }
            else if (!method.AppliesTo(kind.Value))
            {
                errors.Add($"{at}.Methods['{feature}']: '{method.Name}' does not apply to a {kind.Value.ToString().ToLowerInvariant()} feature; allowed: {options.Catalog.NamesFor(kind.Value)}.");
            }
            else if (method.ThresholdError(choice.Threshold) is { } error)
            {
                errors.Add($"{at}.Methods['{feature}']: {error}.");
            }
        }
    }
}
