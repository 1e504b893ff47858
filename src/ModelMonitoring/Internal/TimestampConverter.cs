namespace ModelMonitoring.Internal;

/// <summary>
/// Turns the cheap monotonic timestamps the hot path reads into UTC times, against an anchor pair
/// (wall clock, timestamp) that the worker refreshes before every drain.
/// </summary>
internal sealed class TimestampConverter(TimeProvider timeProvider)
{
    private DateTimeOffset _anchorUtc;
    private long _anchorTimestamp;

    public DateTimeOffset Now => _anchorUtc;

    public void Refresh()
    {
        _anchorTimestamp = timeProvider.GetTimestamp();
        _anchorUtc = timeProvider.GetUtcNow();
    }

    public DateTimeOffset ToUtc(long timestamp, bool isUtcTicks)
    {
        if (isUtcTicks)
        {
            return new DateTimeOffset(timestamp, TimeSpan.Zero);
        }

        var elapsed = timeProvider.GetElapsedTime(_anchorTimestamp, timestamp);
        return _anchorUtc + elapsed;
    }
}
