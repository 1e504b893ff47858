namespace ModelMonitoring.Estimation;

/// <summary>
/// Names of the window metrics performance estimation (CBPE) stores for each closed window with enough predictions, and of
/// the alerts it raises (an alert has the name of its metric). Each estimate <c>m</c> comes with <c>m.lower</c> and
/// <c>m.upper</c>, its confidence band (see <see cref="PerformanceEstimationOptions.BandWidth"/>).
/// </summary>
public static class EstimatedMetricNames
{
    /// <summary>The prefix of every estimated metric name.</summary>
    public const string Prefix = "estimated.";

    /// <summary>Estimated accuracy, 0 to 1.</summary>
    public const string Accuracy = "estimated.accuracy";

    /// <summary>Estimated precision (of the positive class for two classes, else the macro mean), 0 to 1.</summary>
    public const string Precision = "estimated.precision";

    /// <summary>Estimated recall (of the positive class for two classes, else the macro mean), 0 to 1.</summary>
    public const string Recall = "estimated.recall";

    /// <summary>Estimated F1 score (of the positive class for two classes, else the macro mean), 0 to 1.</summary>
    public const string F1 = "estimated.f1";

    /// <summary>Estimated area under the ROC curve of the positive-class score (two classes only), 0 to 1.</summary>
    public const string RocAuc = "estimated.roc_auc";

    /// <summary>Gets the estimated metric names, in the order of <see cref="EstimatedMetric"/>'s flags.</summary>
    public static IReadOnlyList<string> All { get; } = [Accuracy, Precision, Recall, F1, RocAuc];

    /// <summary>Gets the name of the lower end of an estimate's confidence band, as <c>estimated.accuracy.lower</c>.</summary>
    /// <param name="metric">An estimated metric name.</param>
    /// <returns>The metric name.</returns>
    public static string Lower(string metric) => metric + ".lower";

    /// <summary>Gets the name of the upper end of an estimate's confidence band, as <c>estimated.accuracy.upper</c>.</summary>
    /// <param name="metric">An estimated metric name.</param>
    /// <returns>The metric name.</returns>
    public static string Upper(string metric) => metric + ".upper";
}
