using ModelMonitoring.Drift;

namespace ModelMonitoring.Storage;

/// <summary>
/// Keeps each model's drift reference profile, so that a reference learned from production (or set
/// at run time) survives a restart. Storage providers implement it; the pipeline uses the one
/// registered, or keeps references in memory only when none is.
/// </summary>
/// <remarks>
/// A model is identified by name. A provider stores the profile exactly: every statistic, sorted value,
/// histogram bin and category count reads back as it was saved. Methods may be called from any thread.
/// </remarks>
public interface IReferenceProfileStore
{
    /// <summary>Saves a model's reference profile, replacing any earlier one.</summary>
    /// <param name="model">The model name.</param>
    /// <param name="profile">The profile.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <returns>A task that completes when the profile is durably saved.</returns>
    Task SaveAsync(string model, ReferenceProfile profile, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves a model's reference profile unless one is saved already: the replicas of a fleet save the reference
    /// learned by one of them, and a second one learned meanwhile must not replace it. The default implementation
    /// reads, then saves, which is enough for a store that one process uses; a store that several processes share
    /// overrides it with one atomic statement.
    /// </summary>
    /// <param name="model">The model name.</param>
    /// <param name="profile">The profile.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <returns><see langword="true"/> when this call saved the profile; <see langword="false"/> when one was saved already (it is kept).</returns>
    async Task<bool> SaveIfAbsentAsync(string model, ReferenceProfile profile, CancellationToken cancellationToken = default)
    {
        if (await GetAsync(model, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        await SaveAsync(model, profile, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Gets a model's saved reference profile.</summary>
    /// <param name="model">The model name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The profile, or <see langword="null"/> when none is saved.</returns>
    Task<ReferenceProfile?> GetAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>Deletes a model's saved reference profile; does nothing when none is saved.</summary>
    /// <param name="model">The model name.</param>
    /// <param name="cancellationToken">Cancels the deletion.</param>
    /// <returns>A task that completes when the profile is gone.</returns>
    Task DeleteAsync(string model, CancellationToken cancellationToken = default);
}
