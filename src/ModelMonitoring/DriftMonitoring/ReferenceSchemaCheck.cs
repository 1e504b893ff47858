using ModelMonitoring.Drift;

namespace ModelMonitoring.DriftMonitoring;

/// <summary>Whether a reference profile covers exactly a model's declared features, each as the same kind.</summary>
internal static class ReferenceSchemaCheck
{
    /// <summary>Lists every mismatch; with <paramref name="allowMissing"/>, declared features the reference lacks are not mismatches.</summary>
    public static List<string> Problems(IReadOnlyList<string> numeric, IReadOnlyList<string> categorical, ReferenceProfile reference, bool allowMissing = false)
    {
        var problems = new List<string>();
        foreach (var feature in numeric)
        {
            if (reference.TryGetCategorical(feature, out _))
            {
                problems.Add($"'{feature}' is numeric in the model but categorical in the reference");
            }
            else if (!allowMissing && !reference.TryGetNumeric(feature, out _))
            {
                problems.Add($"the numeric feature '{feature}' is missing from the reference");
            }
        }

        foreach (var feature in categorical)
        {
            if (reference.TryGetNumeric(feature, out _))
            {
                problems.Add($"'{feature}' is categorical in the model but numeric in the reference");
            }
            else if (!allowMissing && !reference.TryGetCategorical(feature, out _))
            {
                problems.Add($"the categorical feature '{feature}' is missing from the reference");
            }
        }

        var declared = new HashSet<string>(numeric.Concat(categorical), StringComparer.Ordinal);
        foreach (var name in reference.NumericFeatures.Select(f => f.Name).Concat(reference.CategoricalFeatures.Select(f => f.Name)))
        {
            // A model output (prediction drift) is not a feature: a reference may carry it whether or not it is checked.
            if (!declared.Contains(name) && !PredictionDriftFeatures.IsOutput(name))
            {
                problems.Add($"the reference feature '{name}' is not declared by the model");
            }
        }

        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every mismatch.</summary>
    public static void ThrowIfMismatched(ModelSchema model, ReferenceProfile reference, string paramName)
    {
        var problems = Problems(model.NumericFeatures, model.CategoricalFeatures, reference);
        if (problems.Count > 0)
        {
            throw new ArgumentException(
                $"The reference profile does not match the features of model '{model.Name}': {string.Join("; ", problems)}. "
                + "A reference must profile exactly the model's declared features, each as the same kind.",
                paramName);
        }
    }
}
