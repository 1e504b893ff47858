using ModelMonitoring.Storage;

namespace ModelMonitoring.Health.Internal;

/// <summary>Reads the health the worker stored as <see cref="HealthMetricNames.Score"/> window metrics, through any provider.</summary>
internal sealed class StoredModelHealthReader(IMonitoringReader reader, IWindowMetricReader windows) : IModelHealthReader
{
    public async Task<ModelHealth?> GetLatestHealthAsync(string model, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        var latest = await reader.GetRecentMetricsAsync(model, HealthMetricNames.Score, 1, cancellationToken).ConfigureAwait(false);
        return latest.Count == 0 ? null : HealthScorer.Read(model, latest[0]);
    }

    public async Task<IReadOnlyList<ModelHealth>> GetHealthTrendAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        var scores = await windows.GetWindowMetricsAsync(model, HealthMetricNames.Score, from, to, cancellationToken).ConfigureAwait(false);
        var trend = new List<ModelHealth>(scores.Count);
        foreach (var score in scores)
        {
            if (HealthScorer.Read(model, score) is { } health)
            {
                trend.Add(health);
            }
        }

        return trend;
    }
}
