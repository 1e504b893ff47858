using ModelMonitoring.Alerting;
using ModelMonitoring.Storage;

namespace ModelMonitoring.PostgreSql.Internal;

/// <summary>
/// The store registered as <see cref="IMonitoringReader"/> without handing the container a second
/// disposable: the container disposes singletons in reverse order of resolution, so a reader resolved
/// after the pipeline would otherwise get the store disposed before the pipeline's final flush.
/// </summary>
internal sealed class PostgreSqlMonitoringReader(PostgreSqlMonitoringStore store) : IMonitoringReader, IWindowMetricReader, ModelMonitoring.Health.IHealthCheckReader, IPredictionReader
{
    public Task<PerformanceReport> GetPerformanceReportAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        store.GetPerformanceReportAsync(model, from, to, cancellationToken);

    public Task<PredictionSummary> GetPredictionSummaryAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        store.GetPredictionSummaryAsync(model, from, to, cancellationToken);

    public Task<IReadOnlyList<MetricRecord>> GetRecentMetricsAsync(string model, string? metricName = null, int limit = 100, CancellationToken cancellationToken = default) =>
        store.GetRecentMetricsAsync(model, metricName, limit, cancellationToken);

    public Task<IReadOnlyList<Alert>> GetAlertsAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        store.GetAlertsAsync(model, from, to, cancellationToken);

    public Task<IReadOnlyList<DriftCheckRecord>> GetDriftHistoryAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        store.GetDriftHistoryAsync(model, from, to, cancellationToken);

    public Task<DriftReport> GetDriftReportAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        store.GetDriftReportAsync(model, from, to, cancellationToken);

    public Task<IReadOnlyList<RealizedPerformance>> GetRealizedPerformanceAsync(string model, DateTimeOffset from, DateTimeOffset to, string? segment = null, CancellationToken cancellationToken = default) =>
        store.GetRealizedPerformanceAsync(model, from, to, segment, cancellationToken);

    public Task<PredictionExplanation?> GetExplanationAsync(Recording.PredictionId predictionId, CancellationToken cancellationToken = default) =>
        store.GetExplanationAsync(predictionId, cancellationToken);

    public Task<IReadOnlyList<MetricRecord>> GetWindowMetricsAsync(string model, string metricName, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        store.GetWindowMetricsAsync(model, metricName, from, to, cancellationToken);

    public Task<IReadOnlyList<HealthCheckRecord>> GetHealthChecksAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        store.GetHealthChecksAsync(model, from, to, cancellationToken);

    public Task<IReadOnlyList<PredictionRecord>> GetPredictionsAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        store.GetPredictionsAsync(model, from, to, cancellationToken);
}
