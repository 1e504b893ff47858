using ModelMonitoring.Storage;

namespace ModelMonitoring.Sqlite.Internal;

/// <summary>The store registered as <see cref="IRealizedPerformanceStore"/>, without handing the container a second disposable (see <see cref="SqliteMonitoringReader"/>).</summary>
internal sealed class SqliteRealizedPerformanceStore(SqliteMonitoringStore store) : IRealizedPerformanceStore
{
    public Task<IReadOnlyList<LabelledPrediction>> GetLabelledPredictionsAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        store.GetLabelledPredictionsAsync(model, from, to, cancellationToken);

    public Task<IReadOnlyList<DateTimeOffset>> GetLabelledWindowsAsync(string model, DateTimeOffset labelledSince, DateTimeOffset predictedSince, TimeSpan window, CancellationToken cancellationToken = default) =>
        store.GetLabelledWindowsAsync(model, labelledSince, predictedSince, window, cancellationToken);

    public Task SaveRealizedPerformanceAsync(string model, DateTimeOffset windowStart, IReadOnlyList<RealizedPerformance> performance, CancellationToken cancellationToken = default) =>
        store.SaveRealizedPerformanceAsync(model, windowStart, performance, cancellationToken);

    public Task<DateTimeOffset?> GetLastComputedAsync(string model, CancellationToken cancellationToken = default) =>
        store.GetLastComputedAsync(model, cancellationToken);
}
