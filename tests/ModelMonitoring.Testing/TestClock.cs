namespace ModelMonitoring.Testing;

/// <summary>The start time the tests' fake clocks share unless a test names its own.</summary>
/// <remarks>
/// Microsoft's <see cref="FakeTimeProvider"/> starts at 2000-01-01 by default; the tests were written against
/// 2026-01-01 (window boundaries, retention and the timestamp range depend on it), so they pass it explicitly.
/// </remarks>
public static class TestClock
{
    /// <summary>Gets 2026-01-01T00:00:00Z.</summary>
    public static DateTimeOffset DefaultStart { get; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
