namespace ModelMonitoring.Fleet;

/// <summary>
/// Keeps the replicas' window partials (<see cref="WindowPartial"/>) and which windows the fleet has merged, so that
/// the leader turns each closed window into window metrics and threshold alerts exactly once, even when the
/// leadership changes between windows. Storage providers implement it; the pipeline uses it when
/// <see cref="ModelMonitoringOptions.FleetWindows"/> is on.
/// </summary>
/// <remarks>Methods may be called from any thread and by several processes at once. Implementations let exceptions propagate.</remarks>
public interface IWindowPartialStore
{
    /// <summary>Inserts each partial, or replaces the one with the same model, window start and replica.</summary>
    /// <param name="partials">The partials.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when every partial is durably saved.</returns>
    Task SaveWindowPartialsAsync(IReadOnlyList<WindowPartial> partials, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gets the partials of a model's windows that start after the latest window marked merged and ended at or before
    /// <paramref name="endedBy"/>. Windows are merged in order, so the merged history is never read again; a partial
    /// saved for a window older than the latest merged one is not counted.
    /// </summary>
    /// <param name="model">The model name.</param>
    /// <param name="endedBy">The latest window end to include.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The partials, ordered by window start, then replica name.</returns>
    Task<IReadOnlyList<WindowPartial>> GetUnmergedWindowPartialsAsync(string model, DateTimeOffset endedBy, CancellationToken cancellationToken = default);

    /// <summary>Marks a model's window merged, unless it already is (a unique key, so of several callers exactly one wins).</summary>
    /// <param name="model">The model name.</param>
    /// <param name="windowStart">The start of the window.</param>
    /// <param name="replica">The replica that merges it.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> when this call marked it; <see langword="false"/> when it was already merged.</returns>
    Task<bool> TryMarkWindowMergedAsync(string model, DateTimeOffset windowStart, string replica, CancellationToken cancellationToken = default);
}
