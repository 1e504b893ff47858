using System.Collections.Concurrent;
using ModelMonitoring.Explainability;

namespace ModelMonitoring.Recording;

// Global feature importances: rare (once per model version), so they are copied into a small bounded queue the worker
// drains, not a ring. They are not records of the accounting: accepted ones are neither stored nor buffered records.
internal sealed partial class ModelMonitor
{
    /// <summary>Gets the global importances waiting for the worker, each in feature order.</summary>
    internal ConcurrentQueue<(string Version, double[] Importances)> PendingImportances { get; } = new();

    public bool RecordFeatureImportance(string version, IReadOnlyDictionary<string, double> importances)
    {
        if (importances is null || importances.Count != ExplanationWidth)
        {
            return Refuse(DropReason.SchemaMismatch);
        }

        var values = new double[ExplanationWidth];
        var index = 0;
        foreach (var feature in Model.NumericFeatures.Concat(Model.CategoricalFeatures))
        {
            if (!importances.TryGetValue(feature, out var value))
            {
                return Refuse(DropReason.SchemaMismatch);
            }

            values[index++] = value;
        }

        return Enqueue(version, values);
    }

    public bool RecordFeatureImportance(string version, ReadOnlySpan<double> importances) =>
        importances.Length != ExplanationWidth ? Refuse(DropReason.SchemaMismatch) : Enqueue(version, importances.ToArray());

    private bool Enqueue(string version, double[] values)
    {
        if (string.IsNullOrEmpty(version) || version.Length > Limits.MaxLabelLength || !StorableText.IsStorable(version) || !FeatureCopy.AllValid(values, FeatureCopy.NotFinite))
        {
            return Refuse(DropReason.InvalidValue);
        }

        if (_state.IsStopped)
        {
            return Refuse(DropReason.Disposed);
        }

        if (PendingImportances.Count >= ExplainabilityConstants.MaxPendingImportances)
        {
            return Refuse(DropReason.BufferFull);
        }

        PendingImportances.Enqueue((version, values));
        _state.Signal();
        return true;
    }
}
