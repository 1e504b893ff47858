using ModelMonitoring.Recording;

namespace ModelMonitoring;

/// <summary>
/// The monitoring pipeline: hands out per-model monitors, and flushes and accounts for their records.
/// Registered by <c>services.AddModelMonitoring()</c>, or created without dependency injection by
/// <c>MonitoringPipeline.Create</c> (package ModelMonitoring.Standalone).
/// </summary>
public interface IModelMonitoring
{
    /// <summary>Gets the configured models.</summary>
    IReadOnlyList<ModelSchema> Models { get; }

    /// <summary>
    /// Gets the monitor of a configured model. For a name that was not configured, returns a monitor
    /// that rejects every record as <see cref="DropReason.UnknownModel"/>, so recording code never
    /// throws. The first 16 such names are logged once each; further names share one monitor and are
    /// summarised in one log line at most once a minute.
    /// </summary>
    /// <param name="modelName">The model name.</param>
    /// <returns>The monitor.</returns>
    IModelMonitor GetMonitor(string modelName);

    /// <summary>
    /// Writes every record accepted before the call to every sink, closing no windows early.
    /// Honours <see cref="ModelMonitoringOptions.FlushTimeout"/>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait (not the flush itself).</param>
    /// <returns><see langword="true"/> when everything was written in time; <see langword="false"/> on timeout, when records were given up as <see cref="Recording.DropReason.SinkFailure"/> or refused by a store (<see cref="Recording.DropReason.Rejected"/>) while it ran, or when already stopped.</returns>
    Task<bool> FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets a snapshot of how many records were received, stored, buffered and dropped.</summary>
    /// <returns>The snapshot.</returns>
    MonitoringStatistics GetStatistics();
}
