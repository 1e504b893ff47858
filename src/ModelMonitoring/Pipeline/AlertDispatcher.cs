using Microsoft.Extensions.Logging;
using ModelMonitoring.Alerting;
using ModelMonitoring.Internal;

namespace ModelMonitoring.Pipeline;

/// <summary>Delivers alerts to every channel, each delivery bounded by the alert timeout; failures are logged (counting them per channel comes with the alerting issue).</summary>
internal sealed class AlertDispatcher(IReadOnlyList<IAlertChannel> channels, ModelMonitoringOptions options, TimeProvider timeProvider, ILogger logger)
{
    public async Task DispatchAsync(ReadOnlyMemory<Alert> alerts, CancellationToken stopToken)
    {
        for (var i = 0; i < alerts.Length; i++)
        {
            var alert = alerts.Span[i];
            foreach (var channel in channels)
            {
                using var timeout = new CancellationTokenSource(options.AlertTimeout, timeProvider);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stopToken);
                try
                {
                    await channel.SendAsync(alert, linked.Token).AsTask()
                        .WaitAsync(options.AlertTimeout, timeProvider, stopToken).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    Log.AlertDeliveryFailed(logger, ex, channel.Name, alert.Name, alert.Model);
                }
            }
        }
    }
}
