namespace ModelMonitoring.Performance;

/// <summary>
/// Names of the realized performance metrics (<see cref="Storage.RealizedPerformance.Metrics"/>). They are computed per
/// prediction window from the store, unlike the window metrics <c>accuracy</c> and <c>mae</c>, which count labels in the
/// window in which they arrived.
/// </summary>
/// <remarks>
/// Classification metrics need labels with a true class for predictions with a predicted class; regression metrics need
/// labels with a true value for predictions with a predicted value. A ratio whose denominator is zero is 0, as in
/// scikit-learn with its default <c>zero_division</c>. A window with more classes than
/// <see cref="Recording.RecordingLimits.MaxDistinctClassLabels"/> gets only <see cref="Accuracy"/> among the classification metrics.
/// </remarks>
public static class RealizedMetricNames
{
    /// <summary>The prefix of every realized metric name.</summary>
    public const string Prefix = "realized.";

    /// <summary>Share of labelled predictions whose class was right, 0 to 1.</summary>
    public const string Accuracy = "realized.accuracy";

    /// <summary>Unweighted mean of the per-class precisions over every class predicted or true.</summary>
    public const string PrecisionMacro = "realized.precision_macro";

    /// <summary>Unweighted mean of the per-class recalls.</summary>
    public const string RecallMacro = "realized.recall_macro";

    /// <summary>Unweighted mean of the per-class F1 scores.</summary>
    public const string F1Macro = "realized.f1_macro";

    /// <summary>Mean of the per-class precisions weighted by each class's true count.</summary>
    public const string PrecisionWeighted = "realized.precision_weighted";

    /// <summary>Mean of the per-class recalls weighted by each class's true count.</summary>
    public const string RecallWeighted = "realized.recall_weighted";

    /// <summary>Mean of the per-class F1 scores weighted by each class's true count.</summary>
    public const string F1Weighted = "realized.f1_weighted";

    /// <summary>Area under the ROC curve of the positive-class score, for two classes each true at least once, when every prediction has a confidence.</summary>
    public const string RocAuc = "realized.roc_auc";

    /// <summary>Log loss (natural logarithm) of the positive-class score, for two classes, when every prediction has a confidence.</summary>
    public const string LogLoss = "realized.log_loss";

    /// <summary>Mean absolute error.</summary>
    public const string MeanAbsoluteError = "realized.mae";

    /// <summary>Root mean squared error.</summary>
    public const string RootMeanSquaredError = "realized.rmse";

    /// <summary>Mean absolute percentage error as a fraction, as scikit-learn's: a zero true value divides by the machine epsilon.</summary>
    public const string MeanAbsolutePercentageError = "realized.mape";

    /// <summary>Coefficient of determination (with at least two labels).</summary>
    public const string R2 = "realized.r2";

    /// <summary>Gets the name of a class's precision, as <c>realized.precision[fraud]</c>.</summary>
    /// <param name="className">The class.</param>
    /// <returns>The metric name.</returns>
    public static string Precision(string className) => $"realized.precision[{className}]";

    /// <summary>Gets the name of a class's recall, as <c>realized.recall[fraud]</c>.</summary>
    /// <param name="className">The class.</param>
    /// <returns>The metric name.</returns>
    public static string Recall(string className) => $"realized.recall[{className}]";

    /// <summary>Gets the name of a class's F1 score, as <c>realized.f1[fraud]</c>.</summary>
    /// <param name="className">The class.</param>
    /// <returns>The metric name.</returns>
    public static string F1(string className) => $"realized.f1[{className}]";

    /// <summary>Gets the name of a class's true count (support), as <c>realized.support[fraud]</c>.</summary>
    /// <param name="className">The class.</param>
    /// <returns>The metric name.</returns>
    public static string Support(string className) => $"realized.support[{className}]";

    /// <summary>
    /// Gets the name of one cell of the confusion matrix, as <c>realized.confusion[fraud][ok]</c>: the number of predictions
    /// of <paramref name="predictedClass"/> whose true class was <paramref name="actualClass"/>. Only non-zero cells are stored.
    /// </summary>
    /// <param name="actualClass">The true class (row).</param>
    /// <param name="predictedClass">The predicted class (column).</param>
    /// <returns>The metric name.</returns>
    public static string Confusion(string actualClass, string predictedClass) => $"realized.confusion[{actualClass}][{predictedClass}]";
}
