namespace ModelMonitoring.Storage.ContractTests;

/// <summary>A fresh, empty store created for one contract test; disposing it releases the store.</summary>
/// <param name="sink">The store's sink.</param>
/// <param name="reader">The store's reader.</param>
/// <param name="alerts">The store's alert store.</param>
/// <param name="readPredictions">
/// Reads a model's stored predictions in <c>[from, to)</c> back in full, features included, oldest
/// first. Not part of <see cref="IMonitoringReader"/> yet, so each provider passes its own.
/// </param>
/// <param name="dispose">Releases the store.</param>
/// <param name="references">The store's reference profile store; the reference contract tests fail without one.</param>
/// <param name="rules">The store's alert rule store; the alert rule contract tests fail without one.</param>
/// <param name="replicas">The store's fleet summary; the replica contract tests fail without one.</param>
/// <param name="performance">The store's realized performance side; the realized performance contract tests fail without one.</param>
/// <param name="windowPartials">The store's fleet windows; the window partial contract tests fail without one.</param>
/// <param name="trends">The store's roll-up reader; the trend contract tests fail without one.</param>
/// <param name="maintain">Rolls up every closed bucket and enforces the retention as of the given time; the trend contract tests fail without it.</param>
public sealed class StoreUnderTest(
    IMetricSink sink,
    IMonitoringReader reader,
    IAlertStore alerts,
    Func<string, DateTimeOffset, DateTimeOffset, CancellationToken, Task<IReadOnlyList<PredictionRecord>>> readPredictions,
    Func<ValueTask> dispose,
    IReferenceProfileStore? references = null,
    IAlertRuleStore? rules = null,
    Fleet.IReplicaStore? replicas = null,
    IRealizedPerformanceStore? performance = null,
    Fleet.IWindowPartialStore? windowPartials = null,
    Trends.ITrendReader? trends = null,
    Func<DateTimeOffset, Task>? maintain = null) : IAsyncDisposable
{
    public IMetricSink Sink { get; } = sink;

    public IMonitoringReader Reader { get; } = reader;

    public IAlertStore Alerts { get; } = alerts;

    public IReferenceProfileStore? References { get; } = references;

    public IAlertRuleStore? Rules { get; } = rules;

    public Fleet.IReplicaStore? Replicas { get; } = replicas;

    public IRealizedPerformanceStore? Performance { get; } = performance;
    public Fleet.IWindowPartialStore? WindowPartials { get; } = windowPartials;

    public Trends.ITrendReader? Trends { get; } = trends;

    public Func<DateTimeOffset, Task>? Maintain { get; } = maintain;

    /// <summary>Gets the store's concept drift checks; the concept drift contract tests fail without them.</summary>
    public IConceptDriftStore? ConceptDrift { get; init; }

    /// <summary>Gets the store's window metric range reads; the window metric contract tests fail without them.</summary>
    public IWindowMetricReader? WindowMetrics { get; init; }

    /// <summary>Gets the store's reads of recorded health checks; the health check contract tests fail without them.</summary>
    public Health.IHealthCheckReader? HealthChecks { get; init; }

    /// <summary>
    /// Gets the read of a model's stored versions and environments as schemas, in the order they were first stored; not part of
    /// <see cref="IMonitoringReader"/>, so each provider passes its own. The model contract tests fail without it.
    /// </summary>
    public Func<string, CancellationToken, Task<IReadOnlyList<ModelSchema>>>? ReadModels { get; init; }

    public Task<IReadOnlyList<PredictionRecord>> ReadPredictionsAsync(string model, DateTimeOffset from, DateTimeOffset to) =>
        readPredictions(model, from, to, CancellationToken.None);

    public ValueTask DisposeAsync() => dispose();
}
