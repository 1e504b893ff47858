namespace ModelMonitoring.Alerting;

/// <summary>Allows at most N notifications per (alert name, severity) in any sliding window; see <see cref="SuppressionOptions"/> and <see cref="AlertPolicy.Suppression"/>.</summary>
internal sealed class NotificationLimiter
{
    private readonly Dictionary<(string Name, AlertSeverity Severity), Queue<DateTimeOffset>> _sent = [];

    public bool TryAcquire(string name, AlertSeverity severity, SuppressionOptions options, DateTimeOffset now)
    {
        if (options.MaxNotifications == 0)
        {
            return true;
        }

        if (!_sent.TryGetValue((name, severity), out var times))
        {
            times = new Queue<DateTimeOffset>();
            _sent.Add((name, severity), times);
        }

        while (times.Count > 0 && now - times.Peek() >= options.Window)
        {
            times.Dequeue();
        }

        if (times.Count >= options.MaxNotifications)
        {
            return false;
        }

        times.Enqueue(now);
        return true;
    }
}
