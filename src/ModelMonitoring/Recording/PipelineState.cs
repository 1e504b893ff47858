namespace ModelMonitoring.Recording;

/// <summary>Shared by the monitors and the worker: once stopped, recording rejects new records as <see cref="DropReason.Disposed"/>.</summary>
internal sealed class PipelineState
{
    private volatile bool _stopped;

    public bool IsStopped => _stopped;

    public void Stop() => _stopped = true;
}
