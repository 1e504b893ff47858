using ModelMonitoring.Drift;

namespace ModelMonitoring.DriftMonitoring;

/// <summary>
/// Splits a reference into the model's features and its outputs (<see cref="PredictionDriftFeatures"/>): feature
/// detectors see only features (an output in the reference would otherwise be a feature without a column), the
/// prediction drift detector only outputs. Each split is made once per reference, so detectors that cache work per
/// reference (the multivariate fit) keep it.
/// </summary>
internal sealed class ReferenceViews
{
    private ReferenceProfile? _of;
    private ReferenceProfile _features = null!;
    private ReferenceProfile? _outputs;

    /// <summary>Returns the features view and the outputs view (<see langword="null"/> when the reference has no output).</summary>
    public (ReferenceProfile Features, ReferenceProfile? Outputs) Split(ReferenceProfile reference)
    {
        if (!ReferenceEquals(reference, _of))
        {
            _of = reference;
            (_features, _outputs) = Build(reference);
        }

        return (_features, _outputs);
    }

    private static (ReferenceProfile Features, ReferenceProfile? Outputs) Build(ReferenceProfile reference)
    {
        var numeric = reference.NumericFeatures;
        var categorical = reference.CategoricalFeatures;
        if (!numeric.Any(f => PredictionDriftFeatures.IsOutput(f.Name)) && !categorical.Any(f => PredictionDriftFeatures.IsOutput(f.Name)))
        {
            return (reference, null);
        }

        var keep = Enumerable.Range(0, numeric.Count).Where(i => !PredictionDriftFeatures.IsOutput(numeric[i].Name)).ToArray();
        var rowOrder = reference.RowOrder is { } order && order.Length == numeric.Count ? keep.Select(i => order[i]).ToArray() : null;
        var features = ReferenceProfile.FromProfiles(
            reference.RowCount,
            [.. keep.Select(i => numeric[i])],
            [.. categorical.Where(f => !PredictionDriftFeatures.IsOutput(f.Name))],
            rowOrder);
        var outputs = ReferenceProfile.FromProfiles(
            reference.RowCount,
            [.. numeric.Where(f => PredictionDriftFeatures.IsOutput(f.Name))],
            [.. categorical.Where(f => PredictionDriftFeatures.IsOutput(f.Name))]);
        return (features, outputs);
    }
}
