namespace ModelMonitoring.Storage;

/// <summary>Records of one model drained from its buffers, handed to every <see cref="IMetricSink"/>.</summary>
/// <remarks>The memories are only valid until the sink's write completes.</remarks>
public sealed class MonitoringBatch
{
    /// <summary>Initializes a new batch.</summary>
    /// <param name="model">The model every record belongs to.</param>
    /// <param name="predictions">The predictions.</param>
    /// <param name="groundTruths">The ground-truth labels.</param>
    /// <param name="metrics">Recorded and window metrics.</param>
    /// <param name="healthChecks">Health check outcomes.</param>
    /// <param name="driftChecks">Continuous drift checks of the model.</param>
    public MonitoringBatch(
        ModelSchema model,
        ReadOnlyMemory<PredictionRecord> predictions = default,
        ReadOnlyMemory<GroundTruthRecord> groundTruths = default,
        ReadOnlyMemory<MetricRecord> metrics = default,
        ReadOnlyMemory<HealthCheckRecord> healthChecks = default,
        ReadOnlyMemory<DriftCheckRecord> driftChecks = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        Predictions = predictions;
        GroundTruths = groundTruths;
        Metrics = metrics;
        HealthChecks = healthChecks;
        DriftChecks = driftChecks;
    }

    /// <summary>Gets the model every record belongs to.</summary>
    public ModelSchema Model { get; }

    /// <summary>Gets the predictions.</summary>
    public ReadOnlyMemory<PredictionRecord> Predictions { get; }

    /// <summary>Gets the ground-truth labels.</summary>
    public ReadOnlyMemory<GroundTruthRecord> GroundTruths { get; }

    /// <summary>Gets recorded and window metrics.</summary>
    public ReadOnlyMemory<MetricRecord> Metrics { get; }

    /// <summary>Gets health check outcomes.</summary>
    public ReadOnlyMemory<HealthCheckRecord> HealthChecks { get; }

    /// <summary>Gets the continuous drift checks of the model, each with its per-feature results.</summary>
    public ReadOnlyMemory<DriftCheckRecord> DriftChecks { get; }

    /// <summary>Gets the explanations (attributions and LIME explanations) recorded for predictions of the model.</summary>
    public ReadOnlyMemory<ExplanationRecord> Explanations { get; init; }

    /// <summary>Gets a value indicating whether the batch holds nothing.</summary>
    public bool IsEmpty => Predictions.IsEmpty && GroundTruths.IsEmpty && Metrics.IsEmpty && HealthChecks.IsEmpty && DriftChecks.IsEmpty && Explanations.IsEmpty;
}
