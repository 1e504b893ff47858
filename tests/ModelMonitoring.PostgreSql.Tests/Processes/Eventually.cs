namespace ModelMonitoring.PostgreSql.Tests.Processes;

/// <summary>
/// Waits for a condition on real processes and a real server by polling it, with one generous overall timeout:
/// nothing here assumes how long anything takes, the timeout only turns a hang into a failure.
/// </summary>
internal static class Eventually
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(20);

    public static async Task<T> ValueAsync<T>(Func<Task<T?>> poll, string what, Func<string>? diagnostics = null)
        where T : class
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            if (await poll().ConfigureAwait(false) is { } value)
            {
                return value;
            }

            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out after {Timeout.TotalSeconds:0} s waiting for: {what}.{Environment.NewLine}{diagnostics?.Invoke()}");
            }

            await Task.Delay(PollEvery, CancellationToken.None).ConfigureAwait(false);
        }
    }

    public static Task TrueAsync(Func<Task<bool>> poll, string what, Func<string>? diagnostics = null) =>
        ValueAsync(async () => await poll().ConfigureAwait(false) ? string.Empty : null, what, diagnostics);
}
