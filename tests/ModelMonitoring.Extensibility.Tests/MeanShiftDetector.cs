using ModelMonitoring.Drift;

namespace ModelMonitoring.Extensibility.Tests;

/// <summary>
/// A third-party detector written against the public API only: a numeric feature drifts when its
/// current mean moved by at least half a reference standard deviation.
/// </summary>
public sealed class MeanShiftDetector : IDriftDetector
{
    public const string Method = "mean_shift";

    public const double Threshold = 0.5;

    public DatasetDriftResult Detect(
        ReferenceProfile reference,
        IReadOnlyDictionary<string, double[]> numericColumns,
        IReadOnlyDictionary<string, string[]>? categoricalColumns = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(numericColumns);
        var features = new List<FeatureDriftResult>();
        foreach (var profile in reference.NumericFeatures)
        {
            var shift = Math.Abs(numericColumns[profile.Name].Average() - profile.Mean) / profile.StandardDeviation;
            features.Add(new FeatureDriftResult(
                profile.Name, FeatureKind.Numeric, Method, shift, PValue: null, Threshold, shift >= Threshold, Math.Min(1, shift / Threshold)));
        }

        return new DatasetDriftResult(features, driftShareThreshold: 0.5);
    }
}
