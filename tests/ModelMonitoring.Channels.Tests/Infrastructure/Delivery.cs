using ModelMonitoring.Alerting;

namespace ModelMonitoring.Channels.Tests.Infrastructure;

/// <summary>Runs deliveries on the fake clock.</summary>
public static class Delivery
{
    /// <summary>Sends an alert and jumps the clock over every back-off delay until the delivery ends.</summary>
    public static async Task<IReadOnlyList<TimeSpan>> SendSkippingDelaysAsync(this ChannelHost host, IAlertChannel channel, Alert alert, TimeSpan attemptTimeout)
    {
        var send = channel.SendAsync(alert, CancellationToken.None).AsTask();
        var delays = await host.Clock.SkipDelaysAsync(send, attemptTimeout);
        await send.Within();
        return delays;
    }

    /// <summary>Like <see cref="SendSkippingDelaysAsync"/>, for a delivery that must fail.</summary>
    public static async Task<AlertDeliveryException> FailSkippingDelaysAsync(this ChannelHost host, IAlertChannel channel, Alert alert, TimeSpan attemptTimeout)
    {
        var send = channel.SendAsync(alert, CancellationToken.None).AsTask();
        await host.Clock.SkipDelaysAsync(send, attemptTimeout);
        return await Should.ThrowAsync<AlertDeliveryException>(send.Within());
    }
}
