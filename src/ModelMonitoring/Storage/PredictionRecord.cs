using ModelMonitoring.Recording;

namespace ModelMonitoring.Storage;

/// <summary>A recorded prediction as a sink receives it.</summary>
/// <remarks>The feature and class-probability memories point into buffers the pipeline reuses: copy what you keep after <see cref="IMetricSink.WriteAsync"/> returns.</remarks>
public readonly record struct PredictionRecord
{
    /// <summary>Gets the prediction identifier.</summary>
    public PredictionId Id { get; init; }

    /// <summary>Gets when the prediction was made (UTC).</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets how long the model took.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Gets whether the prediction succeeded.</summary>
    public PredictionStatus Status { get; init; }

    /// <summary>Gets the error kind of a failed prediction.</summary>
    public string? ErrorKind { get; init; }

    /// <summary>Gets the predicted class label.</summary>
    public string? PredictedClass { get; init; }

    /// <summary>Gets the predicted value.</summary>
    public double? PredictedValue { get; init; }

    /// <summary>Gets the confidence or score.</summary>
    public double? Confidence { get; init; }

    /// <summary>Gets the input hash.</summary>
    public ulong? InputHash { get; init; }

    /// <summary>Gets the user or segment identifier.</summary>
    public string? Segment { get; init; }

    /// <summary>Gets the numeric feature values, in schema order.</summary>
    public ReadOnlyMemory<double> NumericFeatures { get; init; }

    /// <summary>Gets the categorical feature values, in schema order.</summary>
    public ReadOnlyMemory<string?> CategoricalFeatures { get; init; }

    /// <summary>
    /// Gets the probability of each class, in the order of <see cref="ModelSchema.Classes"/>, or empty when the prediction
    /// has none (<see cref="Prediction.ClassProbabilities"/>). Validated when recorded: one per class, each within [0, 1].
    /// </summary>
    public ReadOnlyMemory<double> ClassProbabilities { get; init; }
}
