using ModelMonitoring.Storage;

namespace ModelMonitoring.Health;

/// <summary>Reads the health checks an application recorded with <see cref="Recording.IModelMonitor.RecordHealthCheck"/>; implemented by every storage provider.</summary>
public interface IHealthCheckReader
{
    /// <summary>Reads the model's recorded health checks with a timestamp in [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    /// <param name="model">The model's name (all its versions and environments).</param>
    /// <param name="from">The inclusive start.</param>
    /// <param name="to">The exclusive end.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The checks.</returns>
    Task<IReadOnlyList<HealthCheckRecord>> GetHealthChecksAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}
