using System.Globalization;
using ModelMonitoring.Drift;

namespace ModelMonitoring.DriftMonitoring;

/// <summary>
/// Whether a reference can tell drift from normal variation: one whose feature holds a single value
/// (warm-up or health-check traffic repeating one request) makes every later value look drifted, for
/// ever. Learned, loaded and run-time references are refused when degenerate; only
/// <see cref="DriftMonitoringOptions.Reference"/>, the user's fixed training profile, is used as given.
/// </summary>
internal static class ReferenceQuality
{
    // Values agreeing to about nine significant digits are one value repeated with rounding noise.
    public const double RelativeSpread = 1e-9;

    /// <summary>Describes every degenerate feature, or returns <see langword="null"/> when there is none.</summary>
    public static string? Problems(ReferenceProfile reference)
    {
        var problems = new List<string>();
        // A model's outputs may well be one class or one score while it learns (a fraud model predicting "legit"):
        // that says nothing about the features, so only features are judged.
        foreach (var feature in reference.NumericFeatures.Where(f => !PredictionDriftFeatures.IsOutput(f.Name)))
        {
            var scale = Math.Max(Math.Abs(feature.Min), Math.Abs(feature.Max));
            if (feature.Max - feature.Min <= RelativeSpread * scale)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"numeric feature '{feature.Name}' is constant ({feature.Min:G6} in all {feature.Count} rows)"));
            }
        }

        foreach (var feature in reference.CategoricalFeatures.Where(f => !PredictionDriftFeatures.IsOutput(f.Name)))
        {
            if (feature.Categories.Count == 1)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"categorical feature '{feature.Name}' has the single category '{feature.Categories[0]}' in all {feature.Count} rows"));
            }
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }
}
