namespace ModelMonitoring.Storage;

/// <summary>
/// Keeps concept drift checks (<see cref="ConceptDriftCheck"/>) and reads them back. Storage providers implement it next to
/// <see cref="IMonitoringReader"/> and register it in dependency injection, so an application can resolve it to query the checks.
/// </summary>
/// <remarks>Time ranges are half-open, <c>[from, to)</c>, and compare <see cref="ConceptDriftCheck.CheckedAt"/> in UTC. Implementations let exceptions propagate.</remarks>
public interface IConceptDriftStore
{
    /// <summary>Stores one check.</summary>
    /// <param name="check">The check.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the check is written.</returns>
    Task SaveConceptDriftCheckAsync(ConceptDriftCheck check, CancellationToken cancellationToken = default);

    /// <summary>Gets a model's concept drift checks over a time range, oldest first.</summary>
    /// <param name="model">The model name.</param>
    /// <param name="from">The inclusive start.</param>
    /// <param name="to">The exclusive end.</param>
    /// <param name="onlyDrifted">Whether to return only the checks that found drift.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The checks, oldest first (by check time, then metric in ordinal order).</returns>
    Task<IReadOnlyList<ConceptDriftCheck>> GetConceptDriftAsync(string model, DateTimeOffset from, DateTimeOffset to, bool onlyDrifted = false, CancellationToken cancellationToken = default);
}
