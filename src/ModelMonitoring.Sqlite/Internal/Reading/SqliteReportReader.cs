using System.Data;
using ModelMonitoring.Alerting;
using ModelMonitoring.Sqlite.Internal.Codecs;
using ModelMonitoring.Drift;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Sqlite.Internal.Reading;

/// <summary>
/// Answers <see cref="IMonitoringReader"/> queries on short-lived pooled connections. In WAL mode
/// readers never block the writer nor wait for it; a report's queries share one read transaction so
/// its numbers come from one snapshot.
/// </summary>
internal sealed class SqliteReportReader(SqliteConnectionFactory connections)
{
    internal const int MaxRecentMetrics = 10_000;

    public async Task<PerformanceReport> GetPerformanceReportAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var range = ModelRange.Create(model, from, to);
        var connection = await connections.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var snapshot = connection.BeginTransaction(IsolationLevel.Serializable, deferred: true);
            var predictions = await PredictionQueries.ReadSummaryAsync(connection, range, cancellationToken).ConfigureAwait(false);
            var (labeled, accuracy, meanAbsoluteError) = await PredictionQueries.ReadLabelsAsync(connection, range, cancellationToken).ConfigureAwait(false);
            var metrics = await MetricQueries.ReadSummariesAsync(connection, range, cancellationToken).ConfigureAwait(false);
            var alerts = await AlertQueries.ReadCountsAsync(connection, range, cancellationToken).ConfigureAwait(false);
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
    }

    public async Task<PredictionSummary> GetPredictionSummaryAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var range = ModelRange.Create(model, from, to);
        var connection = await connections.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var snapshot = connection.BeginTransaction(IsolationLevel.Serializable, deferred: true);
            return await PredictionQueries.ReadSummaryAsync(connection, range, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<MetricRecord>> GetRecentMetricsAsync(string model, string? metricName, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        if (limit is < 1 or > MaxRecentMetrics)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"The limit must be between 1 and {MaxRecentMetrics:N0}.");
        }

        var connection = await connections.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await MetricQueries.ReadRecentAsync(connection, model, metricName, limit, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<MetricRecord>> GetWindowMetricsAsync(string model, string metricName, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(metricName);
        var range = ModelRange.Create(model, from, to);
        var connection = await connections.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await MetricQueries.ReadWindowAsync(connection, range, metricName, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<HealthCheckRecord>> GetHealthChecksAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var range = ModelRange.Create(model, from, to);
        var connection = await connections.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await MetricQueries.ReadHealthChecksAsync(connection, range, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<Alert>> GetAlertsAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var range = ModelRange.Create(model, from, to);
        var connection = await connections.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await AlertQueries.ReadHistoryAsync(connection, range.From, range.To, new AlertQuery { Model = model }, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<Alert>> GetActiveAlertsAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        var connection = await connections.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await AlertQueries.ReadActiveAsync(connection, query, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<Alert>> GetAlertHistoryAsync(DateTimeOffset from, DateTimeOffset to, AlertQuery query, CancellationToken cancellationToken)
    {
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The end of the range must not be before its start ({from:O}).");
        }

        var connection = await connections.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await AlertQueries.ReadHistoryAsync(connection, UnixMicroseconds.FromBound(from), UnixMicroseconds.FromBound(to), query, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<Silence>> GetSilencesAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var connection = await connections.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await AlertQueries.ReadSilencesAsync(connection, at, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<ManagedAlertRule>> GetAlertRulesAsync(CancellationToken cancellationToken)
    {
        var connection = await connections.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await AlertRuleQueries.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<ModelMonitoring.Fleet.ReplicaSummary>> GetReplicasAsync(CancellationToken cancellationToken)
    {
        var connection = await connections.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ReplicaQueries.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<DriftCheckRecord>> GetDriftHistoryAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var range = ModelRange.Create(model, from, to);
        var connection = await connections.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var snapshot = connection.BeginTransaction(IsolationLevel.Serializable, deferred: true);
            return await DriftQueries.ReadHistoryAsync(connection, range, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<DriftReport> GetDriftReportAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var range = ModelRange.Create(model, from, to);
        var connection = await connections.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var snapshot = connection.BeginTransaction(IsolationLevel.Serializable, deferred: true);
            return await DriftQueries.ReadReportAsync(connection, range, from, to, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<ReferenceProfile?> GetReferenceAsync(string model, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        var connection = await connections.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ReferenceProfileQueries.ReadAsync(connection, model, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<PredictionRecord>> GetPredictionsAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var range = ModelRange.Create(model, from, to);
        var connection = await connections.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await StoredPredictionQueries.ReadAsync(connection, range, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<ModelSchema>> GetModelsAsync(string model, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        var connection = await connections.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ModelQueries.ReadAsync(connection, model, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<LabelledPrediction>> GetLabelledPredictionsAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var range = ModelRange.Create(model, from, to);
        var connection = await connections.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await RealizedPerformanceQueries.ReadLabelledAsync(connection, range, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<DateTimeOffset>> GetLabelledWindowsAsync(string model, DateTimeOffset labelledSince, DateTimeOffset predictedSince, TimeSpan window, CancellationToken cancellationToken)
    {
        var connection = await connections.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await RealizedPerformanceQueries.ReadWindowsAsync(connection, model, labelledSince, predictedSince, window, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<DateTimeOffset?> GetLastComputedAsync(string model, CancellationToken cancellationToken)
    {
        var connection = await connections.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await RealizedPerformanceQueries.ReadLastComputedAsync(connection, model, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<RealizedPerformance>> GetRealizedPerformanceAsync(string model, DateTimeOffset from, DateTimeOffset to, string? segment, CancellationToken cancellationToken)
    {
        var range = ModelRange.Create(model, from, to);
        var connection = await connections.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await RealizedPerformanceQueries.ReadAsync(connection, range, segment, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<Trends.TrendPoint>> GetTrendAsync(
        string model, Trends.TrendResolution resolution, DateTimeOffset from, DateTimeOffset to, string? prefix, CancellationToken cancellationToken)
    {
        var connection = await connections.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await TrendQueries.ReadAsync(connection, model, resolution, from, to, prefix, cancellationToken).ConfigureAwait(false);
        }
    }
}
