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
        if (ReferenceQuality.Problems(reference) is { } problems)
        {
            throw new ArgumentException(
                $"The reference profile of model '{monitor.Model.Name}' is degenerate: {problems}. Every later value of such a feature would look drifted.",
                nameof(reference));
        }

        if (monitor.NeedsRowOrder && reference.RowOrder is null)
        {
            throw new ArgumentException(
                $"Model '{monitor.Model.Name}' has a multivariate drift check, which needs a reference that keeps its row order; create it with ReferenceProfile.Create(..., keepRowOrder: true).",
                nameof(reference));
        }

        return monitor.References.SetAsync(reference, cancellationToken);
    }

    public Task RelearnReferenceAsync(string model, int? rows = null, CancellationToken cancellationToken = default)
    {
        var monitor = Find(model);
        var learn = rows ?? monitor.ReferenceFromFirst;
        if (learn is not (>= DriftMonitoringConstants.MinRows and <= DriftMonitoringConstants.MaxReferenceFromFirst))
        {
            throw new ArgumentOutOfRangeException(
                nameof(rows),
                rows,
                $"Relearning the reference of model '{monitor.Model.Name}' needs a number of rows from {DriftMonitoringConstants.MinRows} to {DriftMonitoringConstants.MaxReferenceFromFirst:N0}"
                + (rows is null ? "; the model has no ReferenceFromFirst to default to." : "."));
        }

        return monitor.References.RelearnAsync(learn.Value, cancellationToken);
    }

    public Task ResetReferenceAsync(string model, CancellationToken cancellationToken = default) =>
        Find(model).References.ResetAsync(cancellationToken);

    private DriftMonitor Find(string model) => model is not null && _byName.TryGetValue(model, out var monitor)
        ? monitor
        : throw new ArgumentException($"Model '{model}' has no drift monitoring; configure it with ModelOptions.Drift(...).", nameof(model));
}
