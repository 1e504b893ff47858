using Microsoft.Extensions.Logging;
using ModelMonitoring.Aggregation;
using ModelMonitoring.Internal;
using ModelMonitoring.Pipeline;

namespace ModelMonitoring.Fleet;

/// <summary>
/// The worker's part in fleet windows (<see cref="ModelMonitoringOptions.FleetWindows"/>): every replica saves the
/// partials its aggregators closed; the leader then merges each window that the whole fleet has closed into the
/// window metrics and threshold observations of the batch, once (<see cref="IWindowPartialStore.TryMarkWindowMergedAsync"/>).
/// Worker thread only.
/// </summary>
/// <remarks>
/// A replica closes a window at its first cycle at or after the window's end plus the grace period (one flush interval)
/// and saves its partial in that cycle, so every partial is in the store by the end plus two flush intervals; a third
/// is slack for a slow cycle or a retried save. The leader merges a window only after <see cref="CloseDelay"/>; a partial
/// saved later than that (a replica whose store writes failed for longer) is not counted. The merge is marked in the store
/// before the metrics are written with the batch: a leader that dies between the two loses that window's metrics, as a
/// single process loses its buffered batch, but no window is ever emitted twice.
/// </remarks>
internal sealed class FleetWindowMerger(IWindowPartialStore store, string replica, TimeSpan closeDelay, ILogger logger)
{
    /// <summary>Unsaved partials kept per model while the store fails; a minute-long window makes this a week.</summary>
    internal const int MaxPendingPartials = 10_000;

    private bool _saveFailing;
    private bool _mergeFailing;

    /// <summary>Gets how long after a window's end the leader merges it.</summary>
    public TimeSpan CloseDelay => closeDelay;

    /// <summary>Saves the model's closed partials and, when leading, merges the windows the fleet has closed into <paramref name="buffers"/>.</summary>
    public async Task RunAsync(ModelPipeline model, bool leading, DateTimeOffset now, BatchBuffers buffers, CancellationToken cancellationToken)
    {
        await SaveAsync(model, cancellationToken).ConfigureAwait(false);
        if (leading)
        {
            await MergeAsync(model, now, buffers, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SaveAsync(ModelPipeline model, CancellationToken cancellationToken)
    {
        if (model.Aggregator.Partials is not { Count: > 0 } partials)
        {
            return;
        }

        try
        {
            await store.SaveWindowPartialsAsync([.. partials], cancellationToken).ConfigureAwait(false);
            partials.Clear();
            _saveFailing = false;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (!_saveFailing)
            {
                Log.WindowPartialsSaveFailed(logger, ex, replica, partials.Count, model.Model.Name);
                _saveFailing = true;
            }

            if (partials.Count > MaxPendingPartials)
            {
                var dropped = partials.Count - MaxPendingPartials;
                partials.RemoveRange(0, dropped);
                Log.WindowPartialsDropped(logger, replica, dropped, model.Model.Name, MaxPendingPartials);
            }
        }
    }

    private async Task MergeAsync(ModelPipeline model, DateTimeOffset now, BatchBuffers buffers, CancellationToken cancellationToken)
    {
        var name = model.Model.Name;
        try
        {
            var partials = await store.GetUnmergedWindowPartialsAsync(name, now - closeDelay, cancellationToken).ConfigureAwait(false);
            for (var first = 0; first < partials.Count;)
            {
                var start = partials[first].WindowStart;
                var next = first;
                while (next < partials.Count && partials[next].WindowStart == start)
                {
                    next++;
                }

                // Of two replicas that both believe they lead (a lease lost mid-cycle), exactly one marks the window.
                if (await store.TryMarkWindowMergedAsync(name, start, replica, cancellationToken).ConfigureAwait(false))
                {
                    Emit(model, partials, first, next, buffers);
                }

                first = next;
            }

            _mergeFailing = false;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (!_mergeFailing)
            {
                Log.FleetWindowMergeFailed(logger, ex, replica, name);
                _mergeFailing = true;
            }
        }
    }

    private void Emit(ModelPipeline model, IReadOnlyList<WindowPartial> partials, int first, int next, BatchBuffers buffers)
    {
        var window = new WindowState();
        var aggregator = model.Aggregator;
        for (var i = first; i < next; i++)
        {
            _ = WindowPartials.MergeInto(window, partials[i], aggregator.CustomMetricNames, aggregator.MaxDistinctClassLabels, aggregator.QualityFeatures);
        }

        aggregator.CloseMerged(window, partials[first].WindowStart, partials[first].WindowEnd, buffers.Metrics, buffers.Alerts);
        Log.FleetWindowMerged(logger, replica, partials[first].WindowStart, model.Model.Name, next - first);
    }
}
