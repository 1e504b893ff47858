using ModelMonitoring.Drift;

namespace ModelMonitoring.DriftMonitoring;

/// <summary>
/// Continuous drift monitoring at run time: each model's status, and replacing or resetting its
/// reference profile. Registered by <c>services.AddModelMonitoring()</c>; also
/// <c>MonitoringPipeline.DriftMonitoring</c>.
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
    /// <param name="reference">
    /// The profile; its features must be exactly the model's declared features, each of the same kind,
    /// and none may be degenerate (a numeric feature whose values agree to 1e-9 relative, or a
    /// categorical feature with a single category): such a reference reports drift for ever.
    /// </param>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <returns>A task that completes once the profile is saved; the worker uses it from its next cycle.</returns>
    /// <exception cref="ArgumentException">The model has no drift monitoring, the profile's features do not match the model's, or one is degenerate.</exception>
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

    /// <summary>
    /// Forgets a model's current reference, deletes the saved one, and learns a new reference from the
    /// model's next predictions, which is then saved and reused after restarts (unless
    /// <see cref="DriftMonitoringOptions.Reference"/> is set, which wins at start-up). Use it after a
    /// deliberate change of the model's inputs, or when <see cref="DriftMonitoringStatus.ReferenceRejection"/>
    /// says a learned reference was refused. Firing drift alerts resolve at the first check against the
    /// new reference.
    /// </summary>
    /// <param name="model">The model name.</param>
    /// <param name="rows">
    /// How many predictions to learn from, between 2 and 10,000,000. The default value is
    /// <see langword="null"/>, for <see cref="DriftMonitoringOptions.ReferenceFromFirst"/>.
    /// </param>
    /// <param name="cancellationToken">Cancels the deletion.</param>
    /// <returns>A task that completes once the saved reference is deleted; learning starts at the worker's next cycle.</returns>
    /// <exception cref="ArgumentException">The model has no drift monitoring.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="rows"/> is outside its range, or is <see langword="null"/> while the model has no
    /// <see cref="DriftMonitoringOptions.ReferenceFromFirst"/>.
    /// </exception>
    Task RelearnReferenceAsync(string model, int? rows = null, CancellationToken cancellationToken = default);
}
