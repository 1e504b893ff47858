namespace ModelMonitoring.Trends;

/// <summary>
/// Reads the hourly and daily roll-ups a storage provider keeps. Trends are answered from the roll-up
/// tables only, never by scanning raw predictions, so they stay cheap and outlive the raw data's retention.
/// </summary>
/// <remarks>
/// The typed trends (<see cref="TrendReaderExtensions.GetVolumeTrendAsync"/>,
/// <see cref="TrendReaderExtensions.GetPerformanceTrendAsync"/>, <see cref="TrendReaderExtensions.GetDriftTrendAsync"/>)
/// are built on <see cref="GetTrendAsync"/>. A bucket is rolled up once it has closed (plus a short delay for
/// late batches); labels that arrive after their bucket was rolled up do not change it.
/// </remarks>
public interface ITrendReader
{
    /// <summary>Reads the stored roll-up values of a model whose bucket starts in [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    /// <param name="model">The model's name (all its versions and environments together).</param>
    /// <param name="resolution">Hours or days.</param>
    /// <param name="from">The inclusive start.</param>
    /// <param name="to">The exclusive end.</param>
    /// <param name="metricPrefix">Only metrics whose name starts with it; <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The values, by bucket start and then metric name.</returns>
    Task<IReadOnlyList<TrendPoint>> GetTrendAsync(string model, TrendResolution resolution, DateTimeOffset from, DateTimeOffset to, string? metricPrefix = null, CancellationToken cancellationToken = default);
}
