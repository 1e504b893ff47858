using ModelMonitoring.Recording;

namespace ModelMonitoring.Storage;

/// <summary>The true outcome of an earlier prediction, joined to it by <see cref="PredictionId"/>.</summary>
public readonly record struct GroundTruthRecord
{
    /// <summary>Gets the identifier of the prediction this label belongs to.</summary>
    public PredictionId PredictionId { get; init; }

    /// <summary>Gets when the label was recorded (UTC).</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets the true class label, for classifiers.</summary>
    public string? ActualClass { get; init; }

    /// <summary>Gets the true value, for regressors.</summary>
    public double? ActualValue { get; init; }
}
