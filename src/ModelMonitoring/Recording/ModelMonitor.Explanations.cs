using ModelMonitoring.Buffers;
using ModelMonitoring.Explainability;

namespace ModelMonitoring.Recording;

// Explanations: attributions and LIME explanations, recorded with a prediction (Prediction.Attributions) or later by
// prediction id. Their ring, with one value per feature beside each slot, is created the first time a model records an
// explanation, so models that never do spend no memory on it; from then on recording allocates nothing.
internal sealed partial class ModelMonitor
{
    private ShardedRing<ExplanationEntry>? _explanations;

    /// <summary>Gets the number of values an explanation has: one per feature, numeric features first.</summary>
    internal int ExplanationWidth => _numericCount + _categoricalCount;

    /// <summary>Gets the explanation ring, or <see langword="null"/> until the model first records an explanation.</summary>
    internal ShardedRing<ExplanationEntry>? Explanations => Volatile.Read(ref _explanations);

    public bool RecordAttributions(PredictionId predictionId, ReadOnlySpan<double> values, double? baseValue = null)
    {
        if (CheckExplanation(predictionId, values, baseValue ?? 0, 0, 0) is { } rejected)
        {
            return Refuse(rejected);
        }

        return TryWriteExplanation(predictionId, ExplanationKind.Attributions, values, baseValue ?? double.NaN, double.NaN, double.NaN);
    }

    public bool RecordLimeExplanation(PredictionId predictionId, ReadOnlySpan<double> weights, double intercept, double score)
    {
        if (CheckExplanation(predictionId, weights, 0, intercept, score) is { } rejected)
        {
            return Refuse(rejected);
        }

        return TryWriteExplanation(predictionId, ExplanationKind.Lime, weights, double.NaN, intercept, score);
    }

    /// <summary>Checks the attributions a prediction carries, and returns why they reject it, or null.</summary>
    private DropReason? CheckInlineAttributions(in Prediction prediction)
    {
        var values = prediction.Attributions;
        if (values.IsEmpty)
        {
            return prediction.AttributionBaseValue is null ? null : DropReason.SchemaMismatch;
        }

        return values.Length != ExplanationWidth ? DropReason.SchemaMismatch
            : !FeatureCopy.AllValid(values, FeatureCopy.NotFinite) || !double.IsFinite(prediction.AttributionBaseValue.GetValueOrDefault()) ? DropReason.InvalidValue
            : null;
    }

    /// <summary>Stores the attributions of a prediction just published; a full ring drops them (counted) and keeps the prediction.</summary>
    private void WriteInlineAttributions(PredictionId id, in Prediction prediction)
    {
        if (!prediction.Attributions.IsEmpty)
        {
            TryWriteExplanation(id, ExplanationKind.Attributions, prediction.Attributions, prediction.AttributionBaseValue ?? double.NaN, double.NaN, double.NaN);
        }
    }

    private DropReason? CheckExplanation(PredictionId predictionId, ReadOnlySpan<double> values, double first, double second, double third) =>
        values.Length != ExplanationWidth ? DropReason.SchemaMismatch
        : predictionId.IsEmpty || !FeatureCopy.AllValid(values, FeatureCopy.NotFinite) || !double.IsFinite(first) || !double.IsFinite(second) || !double.IsFinite(third) ? DropReason.InvalidValue
        : null;

    private bool TryWriteExplanation(PredictionId predictionId, ExplanationKind kind, ReadOnlySpan<double> values, double baseValue, double intercept, double score)
    {
        if (!TryClaim(Explanations ?? CreateExplanations(), out var shard, out var position))
        {
            return false;
        }

        ref var entry = ref shard[position];
        entry.Timestamp = _clock.Timestamp;
        entry.PredictionId = predictionId;
        entry.Kind = kind;
        entry.BaseValue = baseValue;
        entry.Intercept = intercept;
        entry.Score = score;
        values.CopyTo(shard.NumericAt(position));
        Publish(shard, position);
        return true;
    }

    private ShardedRing<ExplanationEntry> CreateExplanations()
    {
        var capacity = (int)Math.Min(Predictions.Capacity, 1 << 20);
        Interlocked.CompareExchange(ref _explanations, new ShardedRing<ExplanationEntry>(capacity, Math.Max(1, ExplanationWidth)), null);
        return _explanations!;
    }
}
