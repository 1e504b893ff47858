using ModelMonitoring.Alerting;

namespace ModelMonitoring.Estimation;

/// <summary>
/// Settings of performance estimation without labels (confidence-based performance estimation, CBPE, NannyML's method):
/// each closed window's accuracy, precision, recall, F1 and ROC AUC are estimated from the predictions' confidences,
/// calibrated on a labelled <see cref="Reference"/>, and stored as the window metrics <see cref="EstimatedMetricNames"/>
/// with a confidence band; an estimate outside the reference's band raises the alert of its name (see README,
/// "Performance estimation without labels").
/// </summary>
/// <remarks>
/// Set with <see cref="Configuration.ModelOptions.EstimatePerformance"/>, or bound from the model's
/// <c>PerformanceEstimation</c> configuration section (all but <see cref="Reference"/>, which is data given in code).
/// Estimates hold while the calibration holds: under covariate shift, not under concept drift (a changed relation
/// between inputs and labels), which only labels reveal.
/// </remarks>
public sealed class PerformanceEstimationOptions
{
    /// <summary>
    /// Gets or sets the labelled reference the confidences are calibrated on; required. Code only. The default value is
    /// <see langword="null"/>.
    /// </summary>
    public CbpeReference? Reference { get; set; }

    /// <summary>
    /// Gets or sets the metrics estimated; ROC AUC for two classes, and for more when the reference is built from class
    /// probabilities (<see cref="CbpeReference.UsesClassProbabilities"/>). The default value is <see cref="EstimatedMetric.All"/>.
    /// </summary>
    public EstimatedMetric Metrics { get; set; } = EstimatedMetric.All;

    /// <summary>
    /// Gets or sets the width of the bands in sampling standard deviations (z): the confidence band of an estimate is the
    /// estimate ± z σ(n), and an alert fires when the estimate leaves the reference's band, the reference's realized value
    /// ± z σ(n), where σ(n) is the metric's sampling error for a window of n predictions. Greater than 0 and at most 10.
    /// The default value is 3, NannyML's.
    /// </summary>
    public double BandWidth { get; set; } = PerformanceEstimationConstants.DefaultBandWidth;

    /// <summary>
    /// Gets or sets the fewest predictions (with a predicted class of the reference and a confidence) a window needs to be
    /// estimated; smaller windows get no estimate and raise or resolve no alert. Between 2 and 10,000,000. The default value is 100.
    /// </summary>
    public int MinWindowSize { get; set; } = PerformanceEstimationConstants.DefaultMinWindowSize;

    /// <summary>
    /// Gets or sets the most predictions a window keeps for its estimate, which bounds the memory of open windows; beyond
    /// it a uniform sample of this size is kept (reservoir sampling, fixed seed). At least <see cref="MinWindowSize"/> and at
    /// most 10,000,000; with a reference built from more than two class probabilities, times the classes at most 10,000,000
    /// (the probabilities a window keeps). The default value is 100,000.
    /// </summary>
    public int MaxWindowPredictions { get; set; } = PerformanceEstimationConstants.DefaultMaxWindowPredictions;

    /// <summary>Gets or sets the severity of the alerts. The default value is <see cref="AlertSeverity.Warning"/>.</summary>
    public AlertSeverity Severity { get; set; } = AlertSeverity.Warning;
}
