namespace ModelMonitoring.Storage;

/// <summary>A stored prediction joined with its stored ground-truth label, as <see cref="IRealizedPerformanceStore"/> reads it back.</summary>
public readonly record struct LabelledPrediction
{
    /// <summary>Gets when the prediction was made (UTC).</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets the predicted class label.</summary>
    public string? PredictedClass { get; init; }

    /// <summary>Gets the predicted value.</summary>
    public double? PredictedValue { get; init; }

    /// <summary>Gets the recorded confidence: the probability of <see cref="PredictedClass"/> (see README, "Realized performance").</summary>
    public double? Confidence { get; init; }

    /// <summary>
    /// Gets the recorded probability of each class, in the order of the model's classes (<see cref="ModelSchema.Classes"/>), or
    /// empty when the prediction has none (<see cref="PredictionRecord.ClassProbabilities"/>). With more than two classes it
    /// gives the realized one-vs-rest ROC AUC and the log loss.
    /// </summary>
    public ReadOnlyMemory<double> ClassProbabilities { get; init; }

    /// <summary>Gets the user or segment identifier.</summary>
    public string? Segment { get; init; }

    /// <summary>Gets the true class label.</summary>
    public string? ActualClass { get; init; }

    /// <summary>Gets the true value.</summary>
    public double? ActualValue { get; init; }
}
