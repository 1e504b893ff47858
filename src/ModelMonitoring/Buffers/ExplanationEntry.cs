using ModelMonitoring.Explainability;
using ModelMonitoring.Recording;

namespace ModelMonitoring.Buffers;

/// <summary>
/// An explanation of a prediction in a ring slot; its per-feature values are in the ring's numeric side array. NaN in
/// <see cref="BaseValue"/>, <see cref="Intercept"/> and <see cref="Score"/> stands for "not set".
/// </summary>
internal struct ExplanationEntry
{
    public long Timestamp;
    public PredictionId PredictionId;
    public ExplanationKind Kind;
    public double BaseValue;
    public double Intercept;
    public double Score;
}
