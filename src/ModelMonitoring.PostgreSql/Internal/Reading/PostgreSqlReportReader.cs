using System.Data;
using ModelMonitoring.Alerting;
using ModelMonitoring.Drift;
using ModelMonitoring.Storage;
using Npgsql;

namespace ModelMonitoring.PostgreSql.Internal.Reading;

/// <summary>
/// Answers <see cref="IMonitoringReader"/> queries on pooled connections; a report's queries share one
/// repeatable-read transaction, so its numbers come from one snapshot while writers go on.
/// </summary>
internal sealed class PostgreSqlReportReader(Func<CancellationToken, Task<NpgsqlConnection>> open, SqlText sql)
{
    internal const int MaxRecentMetrics = 10_000;

    public async Task<PerformanceReport> GetPerformanceReportAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var range = ModelRange.Create(model, from, to);
        using var connection = await open(cancellationToken).ConfigureAwait(false);
        using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        var predictions = await PredictionQueries.ReadSummaryAsync(connection, sql, range, cancellationToken).ConfigureAwait(false);
        var (labeled, accuracy, meanAbsoluteError) = await PredictionQueries.ReadLabelsAsync(connection, sql, range, cancellationToken).ConfigureAwait(false);
        var metrics = await MetricQueries.ReadSummariesAsync(connection, sql, range, cancellationToken).ConfigureAwait(false);
        var alerts = await AlertQueries.ReadCountsAsync(connection, sql, range, cancellationToken).ConfigureAwait(false);
        return new PerformanceReport
        {
            Model = model,
            From = from,
            To = to,
            Predictions = predictions,
            LabeledCount = labeled,
            Accuracy = accuracy,
            MeanAbsoluteError = meanAbsoluteError,
            Metrics = metrics,
            AlertCounts = alerts,
        };
    }

    public async Task<IReadOnlyList<MetricRecord>> GetWindowMetricsAsync(string model, string metricName, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(metricName);
        var range = ModelRange.Create(model, from, to);
        using var connection = await open(cancellationToken).ConfigureAwait(false);
        return await MetricQueries.ReadWindowAsync(connection, sql, range, metricName, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<HealthCheckRecord>> GetHealthChecksAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var range = ModelRange.Create(model, from, to);
        using var connection = await open(cancellationToken).ConfigureAwait(false);
        return await MetricQueries.ReadHealthChecksAsync(connection, sql, range, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PredictionSummary> GetPredictionSummaryAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var range = ModelRange.Create(model, from, to);
        using var connection = await open(cancellationToken).ConfigureAwait(false);
        using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        return await PredictionQueries.ReadSummaryAsync(connection, sql, range, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<MetricRecord>> GetRecentMetricsAsync(string model, string? metricName, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        if (limit is < 1 or > MaxRecentMetrics)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"The limit must be between 1 and {MaxRecentMetrics:N0}.");
        }

        using var connection = await open(cancellationToken).ConfigureAwait(false);
        return await MetricQueries.ReadRecentAsync(connection, sql, model, metricName, limit, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Alert>> GetAlertsAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var range = ModelRange.Create(model, from, to);
        using var connection = await open(cancellationToken).ConfigureAwait(false);
        return await AlertQueries.ReadHistoryAsync(connection, sql, range.From, range.To, new AlertQuery { Model = model }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Alert>> GetActiveAlertsAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        using var connection = await open(cancellationToken).ConfigureAwait(false);
        return await AlertQueries.ReadActiveAsync(connection, sql, query, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Alert>> GetAlertHistoryAsync(DateTimeOffset from, DateTimeOffset to, AlertQuery query, CancellationToken cancellationToken)
    {
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The end of the range must not be before its start ({from:O}).");
        }

        using var connection = await open(cancellationToken).ConfigureAwait(false);
        return await AlertQueries.ReadHistoryAsync(connection, sql, Timestamps.ToBound(from), Timestamps.ToBound(to), query, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Silence>> GetSilencesAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        using var connection = await open(cancellationToken).ConfigureAwait(false);
        return await SilenceQueries.ReadAsync(connection, sql, at, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ManagedAlertRule>> GetAlertRulesAsync(CancellationToken cancellationToken)
    {
        using var connection = await open(cancellationToken).ConfigureAwait(false);
        return await AlertRuleQueries.ReadAsync(connection, sql, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DriftCheckRecord>> GetDriftHistoryAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var range = ModelRange.Create(model, from, to);
        using var connection = await open(cancellationToken).ConfigureAwait(false);
        using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        return await DriftQueries.ReadHistoryAsync(connection, sql, range, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DriftReport> GetDriftReportAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var range = ModelRange.Create(model, from, to);
        using var connection = await open(cancellationToken).ConfigureAwait(false);
        using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        return await DriftQueries.ReadReportAsync(connection, sql, range, from, to, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ReferenceProfile?> GetReferenceAsync(string model, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        using var connection = await open(cancellationToken).ConfigureAwait(false);
        return await ReferenceProfileQueries.ReadAsync(connection, sql, model, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ModelSchema>> GetModelsAsync(string model, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        using var connection = await open(cancellationToken).ConfigureAwait(false);
        return await ModelQueries.ReadAsync(connection, sql, model, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<PredictionRecord>> GetPredictionsAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var range = ModelRange.Create(model, from, to);
        using var connection = await open(cancellationToken).ConfigureAwait(false);
        return await StoredPredictionQueries.ReadAsync(connection, sql, range, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<RealizedPerformance>> GetRealizedPerformanceAsync(string model, DateTimeOffset from, DateTimeOffset to, string? segment, CancellationToken cancellationToken)
    {
        var range = ModelRange.Create(model, from, to);
        using var connection = await open(cancellationToken).ConfigureAwait(false);
        return await RealizedPerformanceQueries.ReadAsync(connection, sql, range, segment, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Trends.TrendPoint>> GetTrendAsync(
        string model, Trends.TrendResolution resolution, DateTimeOffset from, DateTimeOffset to, string? prefix, CancellationToken cancellationToken)
    {
        using var connection = await open(cancellationToken).ConfigureAwait(false);
        return await TrendQueries.ReadAsync(connection, sql, model, resolution, from, to, prefix, cancellationToken).ConfigureAwait(false);
    }
}
