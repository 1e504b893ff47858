namespace ModelMonitoring.Channels.Tests.Infrastructure;

/// <summary>
/// A limit on waiting for something the test caused, so a broken test fails instead of hanging. It is
/// never a measurement: every assertion about time is made on the fake clock.
/// </summary>
public static class Guard
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static Task Within(this Task task) => task.WaitAsync(Limit);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Limit);
}
