using ModelMonitoring.Alerting;

namespace ModelMonitoring.Storage;

/// <summary>How a model performed over a time range.</summary>
public sealed record PerformanceReport
{
    /// <summary>Gets the model name.</summary>
    public required string Model { get; init; }

    /// <summary>Gets the inclusive start of the range.</summary>
    public DateTimeOffset From { get; init; }

    /// <summary>Gets the exclusive end of the range.</summary>
    public DateTimeOffset To { get; init; }

    /// <summary>Gets the predictions made in the range.</summary>
    public required PredictionSummary Predictions { get; init; }

    /// <summary>Gets the number of predictions in the range that have a stored label (whenever the label arrived).</summary>
    public long LabeledCount { get; init; }

    /// <summary>Gets the share of labelled predictions whose predicted class equals the label; <see langword="null"/> without class labels.</summary>
    public double? Accuracy { get; init; }

    /// <summary>Gets the mean absolute difference between predicted and true values; <see langword="null"/> without value labels.</summary>
    public double? MeanAbsoluteError { get; init; }

    /// <summary>Gets statistics of every metric (recorded and computed) in the range, ordered by name.</summary>
    public IReadOnlyList<MetricSummary> Metrics { get; init; } = [];

    /// <summary>Gets the number of firing alerts raised in the range, by severity.</summary>
    public IReadOnlyDictionary<AlertSeverity, int> AlertCounts { get; init; } = new Dictionary<AlertSeverity, int>();
}
