namespace ModelMonitoring.Aggregation;

/// <summary>
/// How the values an application records with <see cref="Recording.IModelMonitor.RecordMetric"/> under one custom
/// metric name are summarised into one value per aggregation window, for the thresholds and rules on that metric.
/// </summary>
/// <remarks>
/// A window in which the metric received no value has no value for it, so its thresholds and rules are not
/// evaluated in that window, just as <see cref="WindowMetricNames.Accuracy"/> has no value in a window without labels.
/// </remarks>
public enum MetricAggregation
{
    /// <summary>The arithmetic mean of the window's values.</summary>
    Mean = 0,

    /// <summary>The value with the latest timestamp in the window (of equal timestamps, the one drained last).</summary>
    Last = 1,

    /// <summary>The smallest value in the window.</summary>
    Min = 2,

    /// <summary>The largest value in the window.</summary>
    Max = 3,

    /// <summary>The sum of the window's values.</summary>
    Sum = 4,

    /// <summary>How many values the window received.</summary>
    Count = 5,
}
