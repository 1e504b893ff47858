using System.Runtime.CompilerServices;

namespace ModelMonitoring.Recording;

/// <summary>
/// The accepted ranges of record times and latencies (<see cref="ModelMonitoringOptions.MaxClockSkew"/>,
/// <see cref="ModelMonitoringOptions.MaxLateness"/>, <see cref="ModelMonitoringOptions.MaxLatency"/>):
/// the one check every record time passes before it is buffered.
/// </summary>
/// <remarks>
/// A time is accepted when it is not before the Unix epoch, not more than the lateness before the
/// clock and not more than the skew after it. Window aggregation, drift windows and storage rely on
/// it: a time years ahead would hold a window open for ever, and one near
/// <see cref="DateTimeOffset.MaxValue"/> has no window end at all.
/// </remarks>
internal sealed class AcceptedRanges
{
    public static readonly TimeSpan DefaultMaxClockSkew = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan DefaultMaxLateness = TimeSpan.FromDays(7);
    public static readonly TimeSpan DefaultMaxLatency = TimeSpan.FromDays(1);
    public static readonly TimeSpan MaxMaxClockSkew = TimeSpan.FromDays(1);
    public static readonly TimeSpan MaxMaxLateness = TimeSpan.FromDays(36_500);
    public static readonly TimeSpan MaxMaxLatency = TimeSpan.FromDays(365);
    public static readonly AcceptedRanges Default = new(DefaultMaxClockSkew, DefaultMaxLateness, DefaultMaxLatency);
    private static readonly long EpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;
    private readonly long _skewTicks;
    private readonly long _latenessTicks;

    public AcceptedRanges(TimeSpan maxClockSkew, TimeSpan maxLateness, TimeSpan maxLatency)
    {
        _skewTicks = maxClockSkew.Ticks;
        _latenessTicks = maxLateness.Ticks;
        MaxLatencyTicks = (ulong)maxLatency.Ticks;
    }

    /// <summary>Gets the longest latency accepted, in ticks, as an unsigned number so that one comparison also turns away negative latencies.</summary>
    public ulong MaxLatencyTicks { get; }

    /// <summary>
    /// Gets the accepted ranges of a pipeline. The clock recording compares with is refreshed every
    /// <see cref="ModelMonitoringOptions.TimestampResolution"/> and so lags by up to that much: the
    /// skew allowed is widened by it, so that a caller's current time is never "in the future".
    /// </summary>
    public static AcceptedRanges From(ModelMonitoringOptions options) => new(options.MaxClockSkew + options.TimestampResolution, options.MaxLateness, options.MaxLatency);

    /// <summary>Gets a value indicating whether a record time (UTC ticks) is in the accepted range around the clock's time <paramref name="nowUtcTicks"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool AcceptsTimestamp(long utcTicks, long nowUtcTicks) =>
        utcTicks >= Math.Max(EpochTicks, nowUtcTicks - _latenessTicks) && utcTicks <= nowUtcTicks + _skewTicks;

    /// <summary>Gets a value indicating whether a latency (ticks) is neither negative nor longer than the limit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool AcceptsLatency(long ticks) => (ulong)ticks <= MaxLatencyTicks;
}
