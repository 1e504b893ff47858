using Microsoft.Extensions.Logging;
using ModelMonitoring.Internal;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Pipeline;

/// <summary>
/// Writes a batch to every sink, retrying the sinks that failed with exponential back-off. Each
/// attempt is bounded by the sink timeout; a sink that ignores cancellation is abandoned, not awaited.
/// </summary>
internal sealed class SinkWriter(IReadOnlyList<IMetricSink> sinks, ModelMonitoringOptions options, TimeProvider timeProvider, ILogger logger)
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>Writes the batch; returns whether every sink stored it, and whether any write was abandoned mid-flight.</summary>
    public async Task<(bool Stored, bool Abandoned)> WriteAsync(MonitoringBatch batch, int recordCount, CancellationToken stopToken)
    {
        var pending = new bool[sinks.Count];
        Array.Fill(pending, true);
        var remaining = sinks.Count;
        var abandoned = false;
        var attempts = options.SinkRetryCount + 1;
        var delay = options.SinkRetryDelay;
        for (var attempt = 1; attempt <= attempts && remaining > 0; attempt++)
        {
            if (attempt > 1)
            {
                try
                {
                    await Task.Delay(delay, timeProvider, stopToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return (false, abandoned);
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }

            for (var i = 0; i < sinks.Count; i++)
            {
                if (!pending[i])
                {
                    continue;
                }

                var outcome = await TryWriteAsync(sinks[i], batch, recordCount, attempt, attempts, stopToken).ConfigureAwait(false);
                abandoned |= outcome == Outcome.Abandoned;
                if (outcome == Outcome.Written)
                {
                    pending[i] = false;
                    remaining--;
                }
                else if (stopToken.IsCancellationRequested)
                {
                    return (false, abandoned);
                }
            }
        }

        return (remaining == 0, abandoned);
    }

    private async Task<Outcome> TryWriteAsync(IMetricSink sink, MonitoringBatch batch, int recordCount, int attempt, int attempts, CancellationToken stopToken)
    {
        using var timeout = new CancellationTokenSource(options.SinkTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stopToken);
        Task write;
        try
        {
            write = sink.WriteAsync(batch, linked.Token).AsTask();
        }
        catch (Exception ex)
        {
            Log.SinkWriteFailed(logger, ex, sink.GetType().Name, recordCount, batch.Model.Name, attempt, attempts);
            return Outcome.Failed;
        }

        try
        {
            await write.WaitAsync(options.SinkTimeout, timeProvider, stopToken).ConfigureAwait(false);
            return Outcome.Written;
        }
        catch (TimeoutException)
        {
            ObserveLater(write);
            Log.SinkWriteTimedOut(logger, sink.GetType().Name, batch.Model.Name, options.SinkTimeout, attempt, attempts);
            return Outcome.Abandoned;
        }
        catch (OperationCanceledException) when (!write.IsCompleted)
        {
            ObserveLater(write);
            return Outcome.Abandoned;
        }
        catch (Exception ex)
        {
            Log.SinkWriteFailed(logger, ex, sink.GetType().Name, recordCount, batch.Model.Name, attempt, attempts);
            return Outcome.Failed;
        }
    }

    // An abandoned write may still fault later; observe it so it never surfaces as an unobserved task exception.
    private static void ObserveLater(Task write) =>
        write.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private enum Outcome
    {
        Written,
        Failed,
        Abandoned,
    }
}
