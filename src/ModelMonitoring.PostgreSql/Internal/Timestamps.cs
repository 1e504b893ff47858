namespace ModelMonitoring.PostgreSql.Internal;

/// <summary>
/// <c>timestamptz</c> keeps microseconds. Writing truncates toward the past; a range bound is rounded
/// up, so a stored timestamp is in <c>[from, to)</c> exactly when the truncated instant is (the same
/// rule as the SQLite provider's).
/// </summary>
internal static class Timestamps
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    public static DateTime ToStored(DateTimeOffset timestamp)
    {
        var ticks = timestamp.UtcTicks;
        return new DateTime(ticks - (ticks % TicksPerMicrosecond), DateTimeKind.Utc);
    }

    public static DateTime? ToStored(DateTimeOffset? timestamp) => timestamp is { } t ? ToStored(t) : null;

    /// <remarks>
    /// A bound in the last microsecond before <see cref="DateTime.MaxValue"/> cannot be rounded up and is kept as it is
    /// (<see cref="DateTime.MaxValue"/> itself, the end of the widest range, goes to the server as <c>infinity</c>).
    /// </remarks>
    public static DateTime ToBound(DateTimeOffset bound)
    {
        var ticks = bound.UtcTicks;
        var remainder = ticks % TicksPerMicrosecond;
        return remainder == 0 || ticks > DateTime.MaxValue.Ticks - TicksPerMicrosecond
            ? new DateTime(ticks, DateTimeKind.Utc)
            : new DateTime(ticks - remainder + TicksPerMicrosecond, DateTimeKind.Utc);
    }

    public static DateTimeOffset FromStored(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
