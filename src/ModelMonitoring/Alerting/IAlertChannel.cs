namespace ModelMonitoring.Alerting;

/// <summary>Delivers alerts to people or systems: a log, a webhook, a pager.</summary>
/// <remarks>
/// Called from the background worker. Exceptions are caught, logged and counted by the caller, and
/// never reach recording code; an implementation should still honour the cancellation token promptly.
/// </remarks>
public interface IAlertChannel
{
    /// <summary>Gets the channel's name, used in logs.</summary>
    string Name { get; }

    /// <summary>Delivers one alert.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="cancellationToken">Cancelled when delivery times out or the pipeline stops.</param>
    /// <returns>A task that completes when the alert was delivered.</returns>
    ValueTask SendAsync(Alert alert, CancellationToken cancellationToken);

    /// <summary>
    /// Gets the lowest severity this channel receives when <see cref="AlertingOptions.Routes"/> has no
    /// entry for a notification's severity (the channel's default route, like Serilog's
    /// <c>restrictedToMinimumLevel</c>). An entry in <see cref="AlertingOptions.Routes"/> always takes
    /// precedence: it names exactly the channels of that severity, whatever their minimum.
    /// The default value is <see cref="AlertSeverity.Info"/> (every severity).
    /// </summary>
    AlertSeverity MinimumSeverity => AlertSeverity.Info;
}
