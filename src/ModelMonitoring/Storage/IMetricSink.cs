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
/// </remarks>
public interface IMetricSink
{
    /// <summary>Writes one batch.</summary>
    /// <param name="batch">The records, all of one model.</param>
    /// <param name="cancellationToken">Cancelled when the write times out or the pipeline stops.</param>
    /// <returns>A task that completes when the batch is durably written.</returns>
    ValueTask WriteAsync(MonitoringBatch batch, CancellationToken cancellationToken);
}
