namespace ModelMonitoring.Estimation;

/// <summary>The metrics <see cref="PerformanceEstimationOptions"/> estimates; combine with <c>|</c> (in configuration: <c>"Accuracy, F1"</c>).</summary>
[Flags]
public enum EstimatedMetric
{
    /// <summary>No metric.</summary>
    None = 0,

    /// <summary>Accuracy: <see cref="EstimatedMetricNames.Accuracy"/>.</summary>
    Accuracy = 1,

    /// <summary>Precision (of the positive class for two classes, else the macro mean): <see cref="EstimatedMetricNames.Precision"/>.</summary>
    Precision = 2,

    /// <summary>Recall (of the positive class for two classes, else the macro mean): <see cref="EstimatedMetricNames.Recall"/>.</summary>
    Recall = 4,

    /// <summary>F1 (of the positive class for two classes, else the macro mean): <see cref="EstimatedMetricNames.F1"/>.</summary>
    F1 = 8,

    /// <summary>Area under the ROC curve, for two classes only: <see cref="EstimatedMetricNames.RocAuc"/>.</summary>
    RocAuc = 16,

    /// <summary>Every metric.</summary>
    All = Accuracy | Precision | Recall | F1 | RocAuc,
}
