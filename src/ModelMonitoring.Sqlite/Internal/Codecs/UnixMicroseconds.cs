namespace ModelMonitoring.Sqlite.Internal.Codecs;

/// <summary>
/// Timestamps are stored as INTEGER microseconds since the Unix epoch (UTC), the precision PostgreSQL
/// keeps too. Writing truncates toward the past; a range bound is rounded up, so a stored timestamp
/// is in <c>[from, to)</c> exactly when the truncated instant is.
/// </summary>
internal static class UnixMicroseconds
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;
    private static readonly long EpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;

    public static long FromTimestamp(DateTimeOffset timestamp) => Math.DivRem(timestamp.UtcTicks - EpochTicks, TicksPerMicrosecond) switch
    {
        (var quotient, < 0) => quotient - 1,
        (var quotient, _) => quotient,
    };

    public static long FromBound(DateTimeOffset bound) => Math.DivRem(bound.UtcTicks - EpochTicks, TicksPerMicrosecond) switch
    {
        (var quotient, > 0) => quotient + 1,
        (var quotient, _) => quotient,
    };

    public static DateTimeOffset ToTimestamp(long microseconds) => new(EpochTicks + (microseconds * TicksPerMicrosecond), TimeSpan.Zero);
}
