using ModelMonitoring.Alerting;

namespace ModelMonitoring.Channels.Tests.Infrastructure;

/// <summary>Alerts with every field set, at fixed times.</summary>
public static class TestAlerts
{
    /// <summary>The fake clock's start: 2026-01-01T12:00:00Z.</summary>
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static Alert Firing(AlertSeverity severity = AlertSeverity.Critical) => new()
    {
        Id = "alrt-0001",
        Model = "fraud",
        Version = "1.4.0",
        Environment = "production",
        Name = "error_rate.max",
        Severity = severity,
        State = AlertState.Firing,
        Message = "Error rate 0.12 is above 0.05",
        Metric = "error_rate",
        Value = 0.12,
        Threshold = 0.05,
        Baseline = 0.01,
        Timestamp = Now.AddMinutes(-1),
        StartedAt = Now.AddMinutes(-1),
    };

    public static Alert Acknowledged(AlertSeverity severity = AlertSeverity.Critical) => Firing(severity) with
    {
        State = AlertState.Acknowledged,
        Timestamp = Now,
        AcknowledgedBy = "alice",
        AcknowledgedAt = Now,
    };

    public static Alert Resolved(AlertSeverity severity = AlertSeverity.Critical) => Firing(severity) with
    {
        State = AlertState.Resolved,
        Message = "Error rate 0.03 is back within 0.05",
        Value = 0.03,
        Timestamp = Now.AddMinutes(5),
        ResolvedAt = Now.AddMinutes(5),
    };
}
