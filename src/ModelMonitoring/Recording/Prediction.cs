namespace ModelMonitoring.Recording;

/// <summary>
/// One prediction to record, passed by reference to <see cref="IModelMonitor.RecordPrediction(in Prediction)"/>.
/// </summary>
/// <remarks>
/// A <see langword="ref struct"/> so that features can be passed as spans over the caller's own
/// buffers: recording copies them and keeps no reference to the spans. Only the properties a model
/// has need to be set.
/// </remarks>
public readonly ref struct Prediction
{
    /// <summary>
    /// Gets the numeric feature values, in the order the model declared them. Their count must equal
    /// the declared count and every value must be finite.
    /// </summary>
    public ReadOnlySpan<double> NumericFeatures { get; init; }

    /// <summary>
    /// Gets the categorical feature values, in the order the model declared them. Their count must equal
    /// the declared count; <see langword="null"/> means missing.
    /// </summary>
    public ReadOnlySpan<string?> CategoricalFeatures { get; init; }

    /// <summary>Gets how long the model took. Must not be negative. The default value is zero.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Gets whether the prediction succeeded. The default value is <see cref="PredictionStatus.Success"/>.</summary>
    public PredictionStatus Status { get; init; }

    /// <summary>Gets the kind of error (for example an exception type name) when <see cref="Status"/> is <see cref="PredictionStatus.Error"/>.</summary>
    public string? ErrorKind { get; init; }

    /// <summary>Gets the predicted class label, for classifiers.</summary>
    public string? PredictedClass { get; init; }

    /// <summary>Gets the predicted value, for regressors. Must be finite when set.</summary>
    public double? PredictedValue { get; init; }

    /// <summary>Gets the model's confidence or score, between 0 and 1 inclusive when set.</summary>
    public double? Confidence { get; init; }

    /// <summary>Gets the identifier to record the prediction under. When empty, one is generated.</summary>
    public PredictionId Id { get; init; }

    /// <summary>Gets when the prediction was made. When <see langword="null"/>, the monitor's clock is read.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Gets an optional hash of the model input, for spotting repeated inputs.</summary>
    public ulong? InputHash { get; init; }

    /// <summary>Gets an optional user or segment identifier, for slicing metrics.</summary>
    public string? Segment { get; init; }
}
