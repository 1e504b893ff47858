namespace ModelMonitoring.Drift.Streaming;

/// <summary>The per-label stream a model's streaming detector reads: one value each time a label joins its prediction.</summary>
public enum StreamingDetectorStream
{
    /// <summary>Classification labels: 1 when the label differs from the predicted class, 0 when they are equal.</summary>
    Error = 0,

    /// <summary>Regression labels: the absolute difference between the predicted and the actual value.</summary>
    AbsoluteError = 1,
}
