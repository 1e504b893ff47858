namespace ModelMonitoring.Health;

/// <summary>
/// Reads the health the background worker computed and stored for each closed window of a model. It can be resolved
/// from the container whenever a storage provider is configured.
/// </summary>
public interface IModelHealthReader
{
    /// <summary>Reads the health of the model's most recent closed window.</summary>
    /// <param name="model">The model's name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The health, or <see langword="null"/> when no window of the model has closed yet.</returns>
    Task<ModelHealth?> GetLatestHealthAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>Reads the health of every window of the model that started in [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    /// <param name="model">The model's name.</param>
    /// <param name="from">The inclusive start.</param>
    /// <param name="to">The exclusive end.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The health per window.</returns>
    Task<IReadOnlyList<ModelHealth>> GetHealthTrendAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}
