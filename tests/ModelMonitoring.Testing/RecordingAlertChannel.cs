using ModelMonitoring.Alerting;

namespace ModelMonitoring.Testing;

/// <summary>An alert channel that keeps every alert it receives.</summary>
public sealed class RecordingAlertChannel : IAlertChannel
{
    private readonly object _gate = new();
    private readonly List<Alert> _alerts = [];

    public string Name => "recording";

    public IReadOnlyList<Alert> Alerts { get { lock (_gate) { return [.. _alerts]; } } }

    public ValueTask SendAsync(Alert alert, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _alerts.Add(alert);
        }

        return ValueTask.CompletedTask;
    }
}
