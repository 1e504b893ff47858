using ModelMonitoring.Explainability;
using ModelMonitoring.Recording;

namespace ModelMonitoring.Storage;

/// <summary>A recorded explanation of one prediction as a sink receives it.</summary>
/// <remarks>
/// <see cref="Values"/> has one value per feature of the model, numeric features first, then categorical ones, each in
/// schema order. It points into a buffer the pipeline reuses: copy what you keep after <see cref="IMetricSink.WriteAsync"/> returns.
/// A store keeps one explanation per prediction and kind, the latest recorded.
/// </remarks>
public readonly record struct ExplanationRecord
{
    /// <summary>Gets the identifier of the explained prediction.</summary>
    public PredictionId PredictionId { get; init; }

    /// <summary>Gets when the explanation was recorded (UTC).</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets what kind of explanation this is.</summary>
    public ExplanationKind Kind { get; init; }

    /// <summary>Gets the attributions (<see cref="ExplanationKind.Attributions"/>) or LIME weights (<see cref="ExplanationKind.Lime"/>), one per feature.</summary>
    public ReadOnlyMemory<double> Values { get; init; }

    /// <summary>Gets the base value (expected model output) of attributions, when one was given.</summary>
    public double? BaseValue { get; init; }

    /// <summary>Gets the intercept of a LIME explanation.</summary>
    public double? Intercept { get; init; }

    /// <summary>Gets the local score (R²) of a LIME explanation.</summary>
    public double? Score { get; init; }
}
