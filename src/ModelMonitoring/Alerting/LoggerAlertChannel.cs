using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ModelMonitoring.Alerting;

/// <summary>Writes alerts to an <see cref="ILogger"/>: critical as errors, warnings as warnings, the rest as information.</summary>
internal sealed partial class LoggerAlertChannel(ILoggerFactory? loggerFactory = null) : IAlertChannel
{
    private readonly ILogger _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("ModelMonitoring.Alerts");

    public string Name => "logger";

    public ValueTask SendAsync(Alert alert, CancellationToken cancellationToken)
    {
        var level = alert.State == AlertState.Resolved ? LogLevel.Information : alert.Severity switch
        {
            AlertSeverity.Critical => LogLevel.Error,
            AlertSeverity.Warning => LogLevel.Warning,
            _ => LogLevel.Information,
        };
        LogAlert(_logger, level, alert.State, alert.Severity, alert.Model, alert.Name, alert.Message);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(EventId = 100, Message = "Alert {State} [{Severity}] {Model} {AlertName}: {Message}")]
    private static partial void LogAlert(ILogger logger, LogLevel level, AlertState state, AlertSeverity severity, string model, string alertName, string message);
}
