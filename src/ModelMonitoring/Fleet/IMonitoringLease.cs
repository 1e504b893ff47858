namespace ModelMonitoring.Fleet;

/// <summary>
/// Decides which of the pipelines sharing one store leads: the leader evaluates alert rules and drift,
/// repeats, escalates and expires alerts, and sends notifications, so that one incident is one alert.
/// Every pipeline, leader or not, records and writes its own records. A storage provider that several
/// processes share implements it (the PostgreSQL provider with a session-level advisory lock); without
/// one, every pipeline is its own leader, as a single process is.
/// </summary>
/// <remarks>
/// The worker calls <see cref="TryAcquireAsync"/> at the start of every cycle and <see cref="ReleaseAsync"/>
/// once when it stops, always from one thread. An implementation must not report leadership it may have
/// lost (a lease whose connection died is not held), and lets exceptions propagate: the worker counts a
/// failed call as "not leader" for that cycle, logs it once, and asks again at the next cycle.
/// </remarks>
public interface IMonitoringLease
{
    /// <summary>Takes the lease when it is free, or confirms that this pipeline still holds it.</summary>
    /// <param name="cancellationToken">Cancels the attempt (at the shutdown deadline).</param>
    /// <returns><see langword="true"/> when this pipeline holds the lease for the coming cycle.</returns>
    Task<bool> TryAcquireAsync(CancellationToken cancellationToken = default);

    /// <summary>Gives the lease up, when held, so that another pipeline takes it at its next cycle.</summary>
    /// <param name="cancellationToken">Cancels the release; a lease that is not released is freed when its holder's connection closes.</param>
    /// <returns>A task that completes when the lease is free.</returns>
    Task ReleaseAsync(CancellationToken cancellationToken = default);
}
