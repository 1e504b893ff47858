namespace ModelMonitoring.Storage;

/// <summary>Reads the stored window metrics of a model over a time range; implemented by every storage provider.</summary>
public interface IWindowMetricReader
{
    /// <summary>
    /// Reads the values of one window metric (such as <c>error_rate</c> or <c>health.score</c>) for the model's windows
    /// that start in [<paramref name="from"/>, <paramref name="to"/>), oldest window first, with their metadata.
    /// </summary>
    /// <param name="model">The model's name (all its versions and environments).</param>
    /// <param name="metricName">The metric's exact name.</param>
    /// <param name="from">The inclusive start.</param>
    /// <param name="to">The exclusive end.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The values.</returns>
    Task<IReadOnlyList<MetricRecord>> GetWindowMetricsAsync(string model, string metricName, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}
