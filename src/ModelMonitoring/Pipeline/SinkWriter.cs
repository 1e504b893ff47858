using Microsoft.Extensions.Logging;
using ModelMonitoring.Internal;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Pipeline;

/// <summary>
/// Writes a batch to every sink, retrying the sinks that failed with jittered exponential back-off (<see cref="RetryJitter"/>; in halves when a
/// store had no room for it, see <see cref="BatchPiece"/>); then counts what was stored, skipped as a
/// duplicate, or dropped (<see cref="Accounting"/>).
/// </summary>
/// <remarks>
/// Every write runs on the thread pool and is awaited for at most the sink timeout, so a sink that blocks
/// synchronously is abandoned exactly like one that hangs asynchronously: the worker moves on.
/// Invariants for writes the worker stopped waiting for:
/// <list type="bullet">
/// <item>A sink has at most one write running: it is not given another batch until that write finished
/// (each attempt waits for it, within the sink timeout). So a sink never sees two writes at once, a sink
/// blocked for ever holds one thread, not one per batch, and a retry never writes a part a second time
/// while the first write of it may still commit.</item>
/// <item>Its batch's arrays are never reused (the worker replaces them, see <see cref="BatchWriteOutcome.Abandoned"/>).</item>
/// <item>Its records are counted as dropped when the batch is settled; if the write finishes successfully
/// later, and every other sink stored that part, they are moved to stored. Nothing is counted twice.</item>
/// </list>
/// </remarks>
internal sealed class SinkWriter(IReadOnlyList<IMetricSink> sinks, ModelMonitoringOptions options, TimeProvider timeProvider, ILogger logger, Random? jitter = null)
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>How many writes the pipeline spends looking for the refused records of one batch (enough for about six in 4,096) before it gives up what is still refused whole.</summary>
    internal const int MaxRefusalSearchWrites = 256;
    private readonly Random _jitter = jitter ?? Random.Shared;
    private readonly Task?[] _running = new Task?[sinks.Count];
    private int _duplicatesLogged;
    private string? _lastRefusal;

    public StoreAccounting Accounting { get; } = new();

    /// <summary>Writes the batch and counts the outcome of its <paramref name="recordCount"/> records.</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="recordCount">The application records in the batch.</param>
    /// <param name="recordedMetrics">How many of the batch's metrics were recorded (they come first; the rest are computed).</param>
    /// <param name="stopToken">Cancelled at the shutdown deadline.</param>
    public async Task<BatchWriteOutcome> WriteAsync(MonitoringBatch batch, int recordCount, int recordedMetrics, CancellationToken stopToken)
    {
        var pieces = new List<BatchPiece> { BatchPiece.Whole(batch, recordedMetrics, sinks.Count) };
        var attempts = options.SinkRetryCount + 1;
        var delay = options.SinkRetryDelay;
        for (var attempt = 1; attempt <= attempts && !stopToken.IsCancellationRequested; attempt++)
        {
            // Back-off is for writing again after a failure; waiting for a write that is still running needs none.
            if (attempt > 1 && !OnlyWaitingOnRunningWrites(pieces))
            {
                try
                {
                    await Task.Delay(RetryJitter.Apply(delay, _jitter), timeProvider, stopToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
                Split(pieces, batch.Model.Name, attempt, attempts);
            }

            foreach (var piece in pieces)
            {
                for (var i = 0; i < sinks.Count && !stopToken.IsCancellationRequested && !piece.IsRefusedElement; i++)
                {
                    if (piece.Pending[i])
                    {
                        await TryWriteAsync(i, piece, attempt, attempts, stopToken).ConfigureAwait(false);
                    }
                }
            }

            await WriteRefusedInPartsAsync(pieces, attempt, attempts, stopToken).ConfigureAwait(false);
            if (pieces.TrueForAll(p => p.IsStored || p.IsRefusedElement))
            {
                break;
            }
        }

        return Settle(batch, recordCount, pieces, stopToken.IsCancellationRequested ? DropReason.ShutdownTimeout : DropReason.SinkFailure);
    }

    /// <summary>
    /// Writes again, in halves, each part a store refused for what it holds (<see cref="RecordRejectedException"/>): it
    /// would be refused again as it is, so the halves are written at once, without a back-off or an attempt of their own,
    /// and halved again while refused, down to the single elements the store refuses (about 2·log₂ n writes for one
    /// refused record in n). Those are then left out; the rest of the batch is stored.
    /// </summary>
    private async Task WriteRefusedInPartsAsync(List<BatchPiece> pieces, int attempt, int attempts, CancellationToken stopToken)
    {
        var halves = new List<BatchPiece>();
        var writes = 0;
        while (!stopToken.IsCancellationRequested)
        {
            // A store refusing much of a batch (or a sink that throws the exception for something else) would cost up to two
            // writes per element: past MaxRefusalSearchWrites the search ends and the refused parts left are given up
            // whole, still counted as Rejected.
            var splittable = pieces.Count(p => p.Refused && p.CanSplit);
            if (writes + (2 * splittable) > MaxRefusalSearchWrites)
            {
                pieces.ForEach(p => p.RefusalSearchEnded |= p.Refused && !p.IsStored);
                return;
            }

            writes += 2 * splittable;
            halves.Clear();
            for (var i = pieces.Count - 1; i >= 0; i--)
            {
                if (pieces[i].Refused && pieces[i].CanSplit)
                {
                    var (first, second) = pieces[i].Split();
                    pieces[i] = first;
                    pieces.Insert(i + 1, second);
                    halves.Add(first);
                    halves.Add(second);
                }
            }

            if (halves.Count == 0)
            {
                return;
            }

            foreach (var piece in halves)
            {
                for (var i = 0; i < sinks.Count && !stopToken.IsCancellationRequested; i++)
                {
                    if (piece.Pending[i])
                    {
                        await TryWriteAsync(i, piece, attempt, attempts, stopToken).ConfigureAwait(false);
                    }
                }
            }
        }
    }

    private static bool OnlyWaitingOnRunningWrites(List<BatchPiece> pieces) =>
        pieces.TrueForAll(p => p.IsStored || Enumerable.Range(0, p.Pending.Length).All(i => !p.Pending[i] || p.Writes[i] is { IsCompleted: false }));

    private void Split(List<BatchPiece> pieces, string model, int attempt, int attempts)
    {
        var count = pieces.Count;
        for (var i = count - 1; i >= 0; i--)
        {
            if (pieces[i].CanSplit)
            {
                var (first, second) = pieces[i].Split();
                pieces[i] = first;
                pieces.Insert(i + 1, second);
            }
        }

        if (pieces.Count != count)
        {
            Log.BatchSplit(logger, pieces.Where(p => !p.IsStored).Sum(p => p.Records), model, pieces.Count(p => !p.IsStored), attempt, attempts);
        }
    }

    private async Task TryWriteAsync(int sink, BatchPiece piece, int attempt, int attempts, CancellationToken stopToken)
    {
        var name = sinks[sink].GetType().Name;
        var model = piece.Batch.Model.Name;
        using var timeout = new CancellationTokenSource(options.SinkTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stopToken);
        if (piece.Writes[sink] is { IsCompleted: true, IsCompletedSuccessfully: false } failed)
        {
            // An abandoned write of this part failed since: write the part again now.
            piece.Writes[sink] = null;
            piece.DidNotFit |= failed.Exception?.GetBaseException() is StorageFullException;
            piece.Refused |= failed.Exception?.GetBaseException() is RecordRejectedException;
            Log.SinkWriteFailed(logger, failed.Exception?.GetBaseException() ?? new OperationCanceledException(), name, piece.Records, model, attempt, attempts);
        }

        var write = piece.Writes[sink];
        if (write is null)
        {
            if (_running[sink] is { IsCompleted: false } earlier)
            {
                try
                {
                    await earlier.WaitAsync(linked.Token).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
                }
                catch (OperationCanceledException) when (!earlier.IsCompleted)
                {
                    if (!stopToken.IsCancellationRequested)
                    {
                        Log.SinkStillBusy(logger, name, model, attempt, attempts);
                    }

                    return;
                }
                catch (Exception)
                {
                    // Its failure was counted with its own batch.
                }
            }

            var token = linked.Token;
            var target = sinks[sink];
            write = Task.Run(() => target.WriteAsync(piece.Batch, token).AsTask(), CancellationToken.None);
            _running[sink] = write;
        }

        try
        {
            // Forced yielding: after a timeout the worker goes on from a pool thread, never inside the timer's
            // callback (with a test clock, that callback runs inside Advance, which would then also fire the
            // next attempt's timeout before the write had any chance to finish).
            piece.Stored(sink, await write.WaitAsync(linked.Token).ConfigureAwait(ConfigureAwaitOptions.ForceYielding));
        }
        catch (OperationCanceledException) when (!write.IsCompleted)
        {
            piece.Writes[sink] = write;
            if (!stopToken.IsCancellationRequested)
            {
                Log.SinkWriteTimedOut(logger, name, model, options.SinkTimeout, attempt, attempts);
            }
        }
        catch (Exception ex)
        {
            piece.Writes[sink] = null;
            piece.DidNotFit |= ex is StorageFullException;
            if (ex is RecordRejectedException rejected)
            {
                // Logged once per batch when it is settled, not for every part of the search for the refused records.
                piece.Refused = true;
                _lastRefusal = rejected.Message;
            }
            else if (ex is OperationCanceledException && timeout.IsCancellationRequested)
            {
                Log.SinkWriteTimedOut(logger, name, model, options.SinkTimeout, attempt, attempts);
            }
            else if (!stopToken.IsCancellationRequested)
            {
                Log.SinkWriteFailed(logger, ex, name, piece.Records, model, attempt, attempts);
            }
        }
    }

    private BatchWriteOutcome Settle(MonitoringBatch batch, int recordCount, List<BatchPiece> pieces, DropReason reason)
    {
        int stored = 0, duplicates = 0, dropped = 0, refused = 0;
        foreach (var piece in pieces)
        {
            if (piece.IsStored)
            {
                duplicates += piece.DuplicateCount;
                stored += piece.Records - piece.DuplicateCount;
            }
            else if (piece.IsRefusedElement)
            {
                refused += piece.Records;
            }
            else
            {
                dropped += piece.Records;
            }
        }

        System.Diagnostics.Debug.Assert(stored + duplicates + dropped + refused == recordCount, "Every record of the batch is counted once.");
        Accounting.Settle(stored, duplicates, dropped, reason);
        if (refused > 0)
        {
            Accounting.Settle(0, 0, refused, DropReason.Rejected);
            Log.RecordsRejected(logger, refused, batch.Model.Name, _lastRefusal ?? "");
        }

        // Watched only once the drop is counted, so that a write finishing meanwhile moves counted records.
        var abandoned = false;
        foreach (var piece in pieces)
        {
            for (var i = 0; i < sinks.Count && !piece.IsStored; i++)
            {
                if (piece.Writes[i] is { } running)
                {
                    abandoned = true;

                    // Later batches wait for the accounting too, not just the write: once they run, the counts are final.
                    var watched = WatchLateWrite(piece, i, running, reason);
                    if (ReferenceEquals(_running[i], running))
                    {
                        _running[i] = watched;
                    }
                }
            }
        }

        if (dropped > 0)
        {
            Log.BatchDropped(logger, dropped, batch.Model.Name, options.SinkRetryCount + 1, reason.ToString());
        }

        if (duplicates > 0 && Interlocked.Exchange(ref _duplicatesLogged, 1) == 0)
        {
            Log.DuplicatePredictions(logger, duplicates, batch.Model.Name);
        }

        return new BatchWriteOutcome(dropped == 0 && refused == 0, abandoned);
    }

    /// <summary>Moves the part's records from dropped to stored if its abandoned write finishes successfully and no other sink is missing it.</summary>
    private Task WatchLateWrite(BatchPiece piece, int sink, Task<SinkWriteResult> write, DropReason reason)
    {
        var name = sinks[sink].GetType().Name;
        return write.ContinueWith(
            t =>
            {
                if (!t.IsCompletedSuccessfully)
                {
                    _ = t.Exception;
                    return;
                }

                lock (piece.Gate)
                {
                    var wasStored = piece.IsStored;
                    piece.Stored(sink, t.Result);
                    if (wasStored || !piece.IsStored)
                    {
                        return;
                    }
                }

                Accounting.StoredAfterAll(piece.Records, piece.DuplicateCount, reason);
                Log.AbandonedWriteStored(logger, name, piece.Batch.Model.Name, piece.Records, reason.ToString());
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
