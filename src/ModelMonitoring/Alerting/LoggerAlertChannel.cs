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
        if (alert.Metadata.Count == 0)
        {
            LogAlert(_logger, level, alert.State, alert.Severity, alert.Model, alert.Name, alert.Message);
        }
        else
        {
            var metadata = string.Join(", ", AlertMetadata.Redact(alert.Metadata).Select(e => $"{e.Key}={e.Value}"));
            LogAlertWithMetadata(_logger, level, alert.State, alert.Severity, alert.Model, alert.Name, alert.Message, metadata);
        }

        return ValueTask.CompletedTask;
    }

    [LoggerMessage(EventId = 100, Message = "Alert {State} [{Severity}] {Model} {AlertName}: {Message}")]
    private static partial void LogAlert(ILogger logger, LogLevel level, AlertState state, AlertSeverity severity, string model, string alertName, string message);

    [LoggerMessage(EventId = 152, Message = "Alert {State} [{Severity}] {Model} {AlertName}: {Message} ({Metadata})")]
    private static partial void LogAlertWithMetadata(ILogger logger, LogLevel level, AlertState state, AlertSeverity severity, string model, string alertName, string message, string metadata);
}
