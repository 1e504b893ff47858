using ModelMonitoring.Drift;

namespace ModelMonitoring.DriftMonitoring;

/// <summary><see cref="IDriftMonitoring"/> over the pipeline's per-model drift monitors.</summary>
internal sealed class DriftMonitoringService(IReadOnlyList<DriftMonitor> monitors) : IDriftMonitoring
{
    private readonly Dictionary<string, DriftMonitor> _byName = monitors.ToDictionary(m => m.Model.Name, StringComparer.Ordinal);

    public IReadOnlyList<DriftMonitor> Monitors { get; } = monitors;

    public DriftMonitoringStatus GetStatus(string model) => Find(model).GetStatus();

    public Task SetReferenceAsync(string model, ReferenceProfile reference, CancellationToken cancellationToken = default)
    {
        var monitor = Find(model);
        ArgumentNullException.ThrowIfNull(reference);
        ReferenceSchemaCheck.ThrowIfMismatched(monitor.Model, reference, nameof(reference));
        return monitor.References.SetAsync(reference, cancellationToken);
    }

    public Task ResetReferenceAsync(string model, CancellationToken cancellationToken = default) =>
        Find(model).References.ResetAsync(cancellationToken);

    private DriftMonitor Find(string model) => model is not null && _byName.TryGetValue(model, out var monitor)
        ? monitor
        : throw new ArgumentException($"Model '{model}' has no drift monitoring; configure it with ModelOptions.Drift(...).", nameof(model));
}
