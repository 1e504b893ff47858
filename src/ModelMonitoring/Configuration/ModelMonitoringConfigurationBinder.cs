using Microsoft.Extensions.Configuration;
using static ModelMonitoring.Configuration.ConfigurationBinding;

namespace ModelMonitoring.Configuration;

/// <summary>
/// Binds the <c>ModelMonitoring</c> configuration section into <see cref="ModelMonitoringOptions"/>, the
/// models included. The stock binder cannot: models, features and thresholds are declared through
/// methods (their collections are read-only), so it skipped a <c>Models</c> section without a word.
/// </summary>
/// <remarks>
/// Models are keyed by name and thresholds by metric, and every list in configuration replaces the
/// list it names, so binding the same section twice yields the same options, and a model or threshold
/// declared in code is completed (or overridden, key by key) by configuration of the same name.
/// </remarks>
internal static class ModelMonitoringConfigurationBinder
{
    /// <summary>Sections of the <c>ModelMonitoring</c> section that other packages bind (<c>UseSqlite(section.GetSection("Storage:Sqlite"))</c>, channels).</summary>
    internal static readonly string[] OtherPackagesSections = ["Channels", "Storage"];

    private static readonly string[] RootSections = ["Alerting", "Channels", "Limits", "Models", "RealizedPerformance", "Storage"];
    private static readonly string[] ModelKeys = ["CategoricalFeatures", "Classes", "ConceptDrift", "CustomMetrics", "Drift", "Environment", "Explainability", "Health", "MissingValues", "NumericFeatures", "PerformanceEstimation", "StreamingDetectors", "Thresholds", "Version"];

    public static void Bind(IConfiguration section, ModelMonitoringOptions options)
    {
        var errors = options.ConfigurationErrors;
        foreach (var child in section.GetChildren())
        {
            if (Is(child, "Models"))
            {
                BindModels(child, options, errors);
            }
            else if (Is(child, "Alerting"))
            {
                AlertingConfigurationBinder.Bind(child, options.Alerting, errors);
            }
            else if (Is(child, "Limits"))
            {
                BindStrict(child, options.Limits, errors);
            }
            else if (Is(child, "RealizedPerformance"))
            {
                BindStrict(child, options.RealizedPerformance, errors);
            }
            else if (!OtherPackagesSections.Any(s => Is(child, s)) && !TrySetProperty(options, child, errors))
            {
                Unknown(child, typeof(ModelMonitoringOptions), RootSections, errors);
            }
        }
    }

    private static void BindModels(IConfigurationSection models, ModelMonitoringOptions options, List<string> errors)
    {
        foreach (var section in models.GetChildren())
        {
            var model = options.GetOrAddModel(section.Key);
            foreach (var child in section.GetChildren())
            {
                BindModelKey(child, model, errors);
            }
        }
    }

    private static void BindModelKey(IConfigurationSection child, ModelOptions model, List<string> errors)
    {
        switch (ModelKeys.FirstOrDefault(k => Is(child, k)))
        {
            case "Version":
                model.Version(child.Value ?? string.Empty);
                break;
            case "Environment":
                model.Environment(child.Value ?? string.Empty);
                break;
            case "NumericFeatures":
                model.SetNumericFeatures(Names(child));
                break;
            case "CategoricalFeatures":
                model.SetCategoricalFeatures(Names(child));
                break;
            case "Classes":
                model.SetClasses(Names(child));
                break;
            case "CustomMetrics":
                model.SetCustomMetrics(Names(child));
                break;
            case "Thresholds":
                foreach (var threshold in child.GetChildren())
                {
                    BindStrict(threshold, model.GetOrAddThreshold(threshold.Key), errors);
                }

                break;
            case "StreamingDetectors":
                foreach (var detector in child.GetChildren())
                {
                    BindStrict(detector, model.GetOrAddStreamingDetector(detector.Key), errors);
                }

                break;
            case "Drift":
                model.Drift(d => BindDrift(child, d, errors));
                break;
            case "MissingValues":
                BindMissingValues(child, model, errors);
                break;
            case "ConceptDrift":
                model.ConceptDrift(c => BindStrict(child, c, errors));
                break;
            case "PerformanceEstimation":
                model.EstimatePerformance(e => BindEstimation(child, e, errors));
                break;
            case "Explainability":
                BindStrict(child, model.ExplainabilityMonitoring, errors);
                break;
            case "Health":
                BindStrict(child, model.HealthScoring, errors);
                break;
            default:
                errors.Add($"{child.Path}: '{child.Key}' is not a setting of a model; use one of {string.Join(", ", ModelKeys)}.");
                break;
        }
    }

    private static void BindDrift(IConfigurationSection section, DriftMonitoring.DriftMonitoringOptions drift, List<string> errors)
    {
        if (section.GetChildren().FirstOrDefault(c => Is(c, nameof(drift.Reference))) is { } reference)
        {
            // A profile is data, not a setting: it comes from code, the reference store or ReferenceFromFirst.
            errors.Add($"{reference.Path}: a reference profile cannot be given in configuration; set ReferenceFromFirst to learn it from the first predictions, or set Drift.Reference in code (ReferenceProfile.FromCsv).");
            return;
        }

        BindStrict(section, drift, errors);
    }

    private static void BindMissingValues(IConfigurationSection child, ModelOptions model, List<string> errors)
    {
        // Names only: a number would bind to any integer, defined or not.
        if (Enum.TryParse<Recording.MissingValueHandling>(child.Value, ignoreCase: true, out var handling) && Enum.IsDefined(handling) && !int.TryParse(child.Value, out _))
        {
            model.MissingValues(handling);
        }
        else
        {
            errors.Add($"{child.Path}: '{child.Value}' is not allowed; use one of {string.Join(", ", Enum.GetNames<Recording.MissingValueHandling>())}.");
        }
    }

    private static void BindEstimation(IConfigurationSection section, Estimation.PerformanceEstimationOptions estimation, List<string> errors)
    {
        if (section.GetChildren().FirstOrDefault(c => Is(c, nameof(estimation.Reference))) is { } reference)
        {
            // The labelled reference is data, not a setting.
            errors.Add($"{reference.Path}: the labelled reference cannot be given in configuration; set PerformanceEstimation.Reference in code (CbpeReference.Create).");
            return;
        }

        BindStrict(section, estimation, errors);
    }

    /// <summary>An array of names; a single value is read as a one-name list.</summary>
    private static string[] Names(IConfigurationSection section) =>
        section.Value is { Length: > 0 } single ? [single] : [.. section.GetChildren().Select(c => c.Value ?? string.Empty)];
}
