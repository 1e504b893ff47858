namespace ModelMonitoring.Fleet;

/// <summary>The lease of a pipeline that shares its store with no other: always held, so a single process behaves as it always did.</summary>
internal sealed class SingleProcessLease : IMonitoringLease
{
    public static readonly SingleProcessLease Instance = new();

    public Task<bool> TryAcquireAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);

    public Task ReleaseAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
