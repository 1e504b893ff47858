namespace ModelMonitoring.Alerting;

internal sealed partial class AlertManager
{
    /// <summary>
    /// Drops what this manager holds of the alert lifecycle (active, pending and hand-resolved alerts, silences),
    /// so that the next operation reads it again from the store. Called when this pipeline takes over the lead of
    /// a fleet: another replica fired, escalated and resolved alerts meanwhile, and pending conditions start over.
    /// </summary>
    public async Task ForgetStateAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _active.Clear();
            _pending.Clear();
            _resolvedByHand.Clear();
            if (_loaded)
            {
                _notifier.Silences.Clear();
                _loaded = false;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
