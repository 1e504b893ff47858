using ModelMonitoring.Alerting;

namespace ModelMonitoring.Testing;

/// <summary>An alert channel that keeps every alert it receives; can be told to hang until released.</summary>
public sealed class RecordingAlertChannel(string name = "recording") : IAlertChannel
{
    private readonly object _gate = new();
    private readonly List<Alert> _alerts = [];
    private readonly List<(int Count, TaskCompletionSource<bool> Received)> _waiters = [];
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => name;

    /// <summary>Gets the lowest severity the channel receives by default. The default value is <see cref="AlertSeverity.Info"/>.</summary>
    public AlertSeverity MinimumSeverity { get; init; } = AlertSeverity.Info;

    public IReadOnlyList<Alert> Alerts { get { lock (_gate) { return [.. _alerts]; } } }

    /// <summary>Gets or sets whether deliveries hang, ignoring cancellation, until <see cref="ReleaseHang"/>.</summary>
    public bool Hang { get; set; }

    public void ReleaseHang()
    {
        Hang = false;
        _release.TrySetResult();
        _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public async ValueTask SendAsync(Alert alert, CancellationToken cancellationToken)
    {
        if (Hang)
        {
            await _release.Task.ConfigureAwait(false);
        }

        lock (_gate)
        {
            _alerts.Add(alert);
            foreach (var waiter in _waiters.Where(w => _alerts.Count >= w.Count).ToArray())
            {
                _waiters.Remove(waiter);
                waiter.Received.TrySetResult(true);
            }
        }
    }

    /// <summary>Completes with <see langword="true"/> once <paramref name="count"/> alerts arrived; gives up after a generous real-time bound so a broken test fails instead of hanging.</summary>
    public async Task<bool> WhenReceivedAsync(int count)
    {
        var waiter = (Count: count, Received: new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_gate)
        {
            if (_alerts.Count >= count)
            {
                return true;
            }

            _waiters.Add(waiter);
        }

        return await waiter.Received.Task.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
    }
}
