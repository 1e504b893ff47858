namespace ModelMonitoring.Tests.Buffers;

/// <summary>Runs code on a new thread and waits for it to end, for tests of per-thread state such as producer leases.</summary>
internal static class DedicatedThread
{
    public static T Run<T>(Func<T> body)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = body();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        return failure is null ? result : throw new InvalidOperationException("The thread failed.", failure);
    }
}
