using ModelMonitoring.Sqlite.Internal.Codecs;

namespace ModelMonitoring.Sqlite.Tests.Internal.Codecs;

public sealed class UnixMicrosecondsTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(9, 0)]
    [InlineData(10, 1)]
    [InlineData(-1, -1)]
    [InlineData(-10, -1)]
    [InlineData(-11, -2)]
    public void FromTimestamp_TruncatesTowardThePast(long ticksSinceEpoch, long expected) =>
        UnixMicroseconds.FromTimestamp(DateTimeOffset.UnixEpoch.AddTicks(ticksSinceEpoch)).ShouldBe(expected);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    [InlineData(-9, 0)]
    [InlineData(-10, -1)]
    public void FromBound_RoundsUp(long ticksSinceEpoch, long expected) =>
        UnixMicroseconds.FromBound(DateTimeOffset.UnixEpoch.AddTicks(ticksSinceEpoch)).ShouldBe(expected);

    [Fact]
    public void ToTimestamp_IsUtcAndInvertsWholeMicroseconds()
    {
        var time = new DateTimeOffset(2025, 3, 1, 13, 0, 0, TimeSpan.FromHours(1)).AddTicks(1230);

        var back = UnixMicroseconds.ToTimestamp(UnixMicroseconds.FromTimestamp(time));

        back.ShouldBe(time);
        back.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Bounds_OfTheWholeCalendar_DoNotOverflow()
    {
        UnixMicroseconds.FromBound(DateTimeOffset.MinValue).ShouldBeLessThan(UnixMicroseconds.FromBound(DateTimeOffset.MaxValue));
    }
}
