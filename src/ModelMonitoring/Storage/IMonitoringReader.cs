using ModelMonitoring.Alerting;

namespace ModelMonitoring.Storage;

/// <summary>
/// Reads stored monitoring data back: reports and the queries a monitoring dashboard makes.
/// Storage providers implement it next to <see cref="IMetricSink"/>.
/// </summary>
/// <remarks>
/// Time ranges are half-open, <c>[from, to)</c>, and compare record timestamps in UTC. A model is
/// identified by name across its versions and environments. Percentiles interpolate linearly
/// between the closest ranks (NumPy's default): <c>p</c> of <c>n</c> sorted values is at rank
/// <c>p (n - 1)</c>.
/// </remarks>
public interface IMonitoringReader
{
    /// <summary>Summarises a model's predictions, labels, metrics and alerts over a time range.</summary>
    /// <param name="model">The model name.</param>
    /// <param name="from">The inclusive start.</param>
    /// <param name="to">The exclusive end.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The report; counts are zero and averages <see langword="null"/> when nothing was stored.</returns>
    Task<PerformanceReport> GetPerformanceReportAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>Summarises a model's predictions over a time range: counts, latency with p95, confidence and class mix.</summary>
    /// <param name="model">The model name.</param>
    /// <param name="from">The inclusive start.</param>
    /// <param name="to">The exclusive end.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The summary.</returns>
    Task<PredictionSummary> GetPredictionSummaryAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>Gets a model's most recent metric values, newest first.</summary>
    /// <param name="model">The model name.</param>
    /// <param name="metricName">Only this metric, or every metric when <see langword="null"/>.</param>
    /// <param name="limit">The most values to return; between 1 and 10,000.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The values, newest first.</returns>
    Task<IReadOnlyList<MetricRecord>> GetRecentMetricsAsync(string model, string? metricName = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>Gets the alerts raised for a model over a time range, oldest first.</summary>
    /// <param name="model">The model name.</param>
    /// <param name="from">The inclusive start.</param>
    /// <param name="to">The exclusive end.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The alerts, oldest first.</returns>
    Task<IReadOnlyList<Alert>> GetAlertsAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>Gets a model's continuous drift checks over a time range, each with its per-feature results, oldest first.</summary>
    /// <param name="model">The model name.</param>
    /// <param name="from">The inclusive start (compared with <see cref="DriftCheckRecord.Timestamp"/>).</param>
    /// <param name="to">The exclusive end.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The checks, oldest first; features in the order the detector reported them.</returns>
    Task<IReadOnlyList<DriftCheckRecord>> GetDriftHistoryAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>Summarises a model's continuous drift checks over a time range: drift rate, latest and recent scores, per-feature drift counts.</summary>
    /// <param name="model">The model name.</param>
    /// <param name="from">The inclusive start (compared with <see cref="DriftCheckRecord.Timestamp"/>).</param>
    /// <param name="to">The exclusive end.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The report; counts are zero and the latest values <see langword="null"/> when no check was stored.</returns>
    Task<DriftReport> GetDriftReportAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gets a model's realized performance per prediction window over a time range: metrics computed from the predictions
    /// made in each window and the labels stored for them, whenever they arrived, with how many labels each window has.
    /// </summary>
    /// <param name="model">The model name.</param>
    /// <param name="from">The inclusive start, compared with <see cref="RealizedPerformance.WindowStart"/>.</param>
    /// <param name="to">The exclusive end.</param>
    /// <param name="segment">
    /// Only this segment (<see cref="Recording.RecordingLimits.OtherValue"/> for the grouped rest), or, when
    /// <see langword="null"/>, every segment; the empty string selects the values over all predictions.
    /// </param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The windows, oldest first, and within a window by segment in ordinal order (all predictions first).</returns>
    Task<IReadOnlyList<RealizedPerformance>> GetRealizedPerformanceAsync(string model, DateTimeOffset from, DateTimeOffset to, string? segment = null, CancellationToken cancellationToken = default);

    /// <summary>Gets what is stored about the explanation of one prediction: its attributions and its LIME explanation, each the latest recorded.</summary>
    /// <param name="predictionId">The identifier of the prediction.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The explanation, or <see langword="null"/> when neither attributions nor a LIME explanation were stored for the prediction.</returns>
    Task<PredictionExplanation?> GetExplanationAsync(Recording.PredictionId predictionId, CancellationToken cancellationToken = default);
}
