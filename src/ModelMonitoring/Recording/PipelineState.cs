namespace ModelMonitoring.Recording;

/// <summary>
/// Shared by the monitors and the worker: the stopped flag (after which recording rejects records
/// as <see cref="DropReason.Disposed"/>) and the worker's wake-up signal, which producers raise when
/// a buffer holds a batch worth of records so the worker drains before the next tick. Stopping also
/// closes the fast recording path of every monitor attached (<see cref="ModelMonitor.Close"/>), so that
/// path need not read the flag.
/// </summary>
internal sealed class PipelineState
{
    private readonly List<ModelMonitor> _monitors = [];
    private volatile bool _stopped;
    private int _signalled;

    public bool IsStopped => _stopped;

    public SemaphoreSlim Wake { get; } = new(0);

    /// <summary>Attaches a monitor, which is closed at once when the pipeline has already stopped.</summary>
    public void Attach(ModelMonitor monitor)
    {
        lock (_monitors)
        {
            _monitors.Add(monitor);
            if (_stopped)
            {
                monitor.Close();
            }
        }
    }

    public void Stop()
    {
        lock (_monitors)
        {
            _stopped = true;
            foreach (var monitor in _monitors)
            {
                monitor.Close();
            }
        }
    }

    /// <summary>Wakes the worker; repeated calls before it wakes cost one interlocked exchange each.</summary>
    public void Signal()
    {
        if (Interlocked.Exchange(ref _signalled, 1) == 0)
        {
            Wake.Release();
        }
    }

    /// <summary>Called by the worker when it wakes, so that the next backlog signals again.</summary>
    public void ResetSignal() => Volatile.Write(ref _signalled, 0);
}
