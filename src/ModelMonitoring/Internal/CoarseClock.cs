namespace ModelMonitoring.Internal;

/// <summary>
/// A timestamp refreshed by a timer, so the recording hot path reads a field instead of the clock.
/// Reading the clock costs more than the rest of a record on common virtual machines (see
/// docs/benchmarks.md, "Clock reads"); the price is that recorded times lag by up to one resolution period.
/// </summary>
internal sealed class CoarseClock : IDisposable
{
    private readonly TimeProvider _timeProvider;
    private readonly ITimer _timer;
    private long _timestamp;
    private long _utcTicks;

    public CoarseClock(TimeProvider timeProvider, TimeSpan resolution)
    {
        _timeProvider = timeProvider;
        _timestamp = timeProvider.GetTimestamp();
        _utcTicks = timeProvider.GetUtcNow().UtcTicks;
        _timer = timeProvider.CreateTimer(static s => ((CoarseClock)s!).Refresh(), this, resolution, resolution);
    }

    /// <summary>Gets the clock this one reads, for callers that need a precise timestamp (such as timing a model call).</summary>
    public TimeProvider TimeProvider => _timeProvider;

    /// <summary>Gets the <see cref="TimeProvider.GetTimestamp"/> value of the last refresh.</summary>
    public long Timestamp => Volatile.Read(ref _timestamp);

    /// <summary>Gets the UTC time of the last refresh, in ticks: "now" for checking the times callers give, at no cost on the hot path.</summary>
    public long UtcTicks => Volatile.Read(ref _utcTicks);

    public void Refresh()
    {
        Volatile.Write(ref _utcTicks, _timeProvider.GetUtcNow().UtcTicks);
        Volatile.Write(ref _timestamp, _timeProvider.GetTimestamp());
    }

    public void Dispose() => _timer.Dispose();
}
