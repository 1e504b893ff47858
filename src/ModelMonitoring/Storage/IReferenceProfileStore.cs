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
