namespace ModelMonitoring.Alerting;

/// <summary>What happened to the notifications handed to one alert channel since the pipeline started.</summary>
/// <param name="Channel">The channel's name.</param>
/// <param name="Delivered">Notifications the channel accepted.</param>
/// <param name="Failed">Notifications whose delivery failed or timed out (after the channel's own retries).</param>
/// <param name="Dropped">Notifications dropped because the channel's queue was full or the pipeline stopped first.</param>
public sealed record ChannelStatistics(string Channel, long Delivered, long Failed, long Dropped);
