namespace ModelMonitoring.Storage;

/// <summary>
/// Receives batches of records drained from the ring buffers by the background worker.
/// Storage providers implement it; several sinks can be registered and each receives every batch.
/// </summary>
/// <remarks>
/// Called from one background thread at a time. An implementation lets exceptions propagate: the
/// worker owns retries with back-off, timeouts, logging and drop accounting. It must write a batch
/// atomically (all or nothing), because a failed batch is retried whole. The batch's memory is reused
/// after the returned task completes.
/// <para>
/// The worker never calls a sink again while a write of it is still running: a write it stopped
/// waiting for (after <see cref="ModelMonitoringOptions.SinkTimeout"/>) must finish before the sink is
/// given another batch, so a sink never sees two writes at once. A write runs on a thread-pool thread,
/// so a sink that blocks synchronously holds that thread, never the worker.
/// </para>
/// <para>
/// A store that keeps one prediction per id (the first one written) reports how many predictions of the
/// batch it skipped in the returned <see cref="SinkWriteResult"/>; they are counted as
/// <see cref="Recording.DropReason.DuplicateId"/>, not as stored.
/// </para>
/// <para>
/// Two exceptions tell the worker more than "failed": <see cref="StorageFullException"/> (no room; the batch is
/// retried in halves) and <see cref="RecordRejectedException"/> (the store refuses what a record holds, so the same
/// batch would fail again; the worker halves it at once to leave out only the refused records, counted as
/// <see cref="Recording.DropReason.Rejected"/>). Anything else is retried whole with back-off.
/// </para>
/// </remarks>
public interface IMetricSink
{
    /// <summary>Writes one batch.</summary>
    /// <param name="batch">The records, all of one model.</param>
    /// <param name="cancellationToken">Cancelled when the write times out or the pipeline stops.</param>
    /// <returns>A task that completes when the batch is durably written, with what the store did not keep of it.</returns>
    ValueTask<SinkWriteResult> WriteAsync(MonitoringBatch batch, CancellationToken cancellationToken);
}
