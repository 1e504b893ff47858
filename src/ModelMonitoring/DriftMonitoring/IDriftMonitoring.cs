using ModelMonitoring.Drift;

namespace ModelMonitoring.DriftMonitoring;

/// <summary>
/// Continuous drift monitoring at run time: each model's status, and replacing or resetting its
/// reference profile. Registered by <c>services.AddModelMonitoring()</c>; also
/// <see cref="MonitoringPipeline.DriftMonitoring"/>.
/// </summary>
/// <remarks>
/// Every method takes the name of a model configured with <see cref="Configuration.ModelOptions.Drift"/>
/// and throws <see cref="ArgumentException"/> for any other name. A new or reset reference takes
/// effect at the worker's next cycle; firing drift alerts stay firing until a check against the new
/// reference clears them.
/// </remarks>
public interface IDriftMonitoring
{
    /// <summary>Gets a snapshot of a model's drift monitoring: its reference, window and check counts.</summary>
    /// <param name="model">The model name.</param>
    /// <returns>The snapshot.</returns>
    DriftMonitoringStatus GetStatus(string model);

    /// <summary>
    /// Replaces a model's reference profile and saves it to the registered
    /// <see cref="Storage.IReferenceProfileStore"/>, so that a restart uses it too (unless
    /// <see cref="DriftMonitoringOptions.Reference"/> is set, which wins at start-up).
    /// </summary>
    /// <param name="model">The model name.</param>
    /// <param name="reference">The profile; its features must be exactly the model's declared features, each of the same kind.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <returns>A task that completes once the profile is saved; the worker uses it from its next cycle.</returns>
    /// <exception cref="ArgumentException">The model has no drift monitoring, or the profile's features do not match the model's.</exception>
    Task SetReferenceAsync(string model, ReferenceProfile reference, CancellationToken cancellationToken = default);

    /// <summary>
    /// Forgets a model's current reference and deletes the saved one. The model then uses
    /// <see cref="DriftMonitoringOptions.Reference"/> when set; otherwise, with
    /// <see cref="DriftMonitoringOptions.ReferenceFromFirst"/>, learns a new reference from its next
    /// predictions; otherwise waits for <see cref="SetReferenceAsync"/>.
    /// </summary>
    /// <param name="model">The model name.</param>
    /// <param name="cancellationToken">Cancels the deletion.</param>
    /// <returns>A task that completes once the saved reference is deleted.</returns>
    /// <exception cref="ArgumentException">The model has no drift monitoring.</exception>
    Task ResetReferenceAsync(string model, CancellationToken cancellationToken = default);
}
