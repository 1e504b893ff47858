using ModelMonitoring.Alerting;
using ModelMonitoring.Internal;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Pipeline;

/// <summary>
/// The arrays one model's batches are built in, reused from batch to batch. Replaced (never reused)
/// after a sink write was abandoned, because the abandoned sink may still read them.
/// </summary>
internal sealed class BatchBuffers(int maxBatchSize, int numericWidth, int categoricalWidth, int classCount = 0)
{
    public PredictionRecord[] Predictions { get; } = new PredictionRecord[maxBatchSize];

    public double[] Numeric { get; } = new double[maxBatchSize * numericWidth];

    public string?[] Categorical { get; } = new string?[maxBatchSize * categoricalWidth];

    /// <summary>Gets the class probabilities of the batch's predictions, one row of <c>classCount</c> per prediction (<see cref="ModelSchema.Classes"/>).</summary>
    public double[] ClassProbabilities { get; } = new double[maxBatchSize * classCount];

    public GroundTruthRecord[] GroundTruths { get; } = new GroundTruthRecord[maxBatchSize];

    public ArrayBuilder<MetricRecord> Metrics { get; } = new(Math.Min(maxBatchSize, 1024));

    public HealthCheckRecord[] HealthChecks { get; } = new HealthCheckRecord[maxBatchSize];

    /// <summary>Gets the batch's explanations, or null while the model has recorded none.</summary>
    public ExplanationRecord[]? Explanations { get; private set; }

    /// <summary>Gets the values of the batch's explanations, one row of <c>numericWidth + categoricalWidth</c> per explanation.</summary>
    public double[]? ExplanationValues { get; private set; }

    public List<Alert> Alerts { get; } = [];

    public List<DriftCheckRecord> DriftChecks { get; } = [];

    public int PredictionCount { get; set; }

    public int GroundTruthCount { get; set; }

    public int RecordedMetricCount { get; set; }

    public int HealthCheckCount { get; set; }

    public int ExplanationCount { get; set; }

    /// <summary>Gets the number of application records (computed metrics and alerts excluded), for accounting.</summary>
    public int RecordCount => PredictionCount + GroundTruthCount + RecordedMetricCount + HealthCheckCount + ExplanationCount;

    public MonitoringBatch ToBatch(ModelSchema model) => new(
        model,
        new ReadOnlyMemory<PredictionRecord>(Predictions, 0, PredictionCount),
        new ReadOnlyMemory<GroundTruthRecord>(GroundTruths, 0, GroundTruthCount),
        Metrics.Memory,
        new ReadOnlyMemory<HealthCheckRecord>(HealthChecks, 0, HealthCheckCount),
        DriftChecks.ToArray())
    {
        Explanations = new ReadOnlyMemory<ExplanationRecord>(Explanations, 0, ExplanationCount),
    };

    /// <summary>Creates the explanation arrays the first time a drained batch has explanations.</summary>
    public void EnsureExplanations()
    {
        if (Explanations is null)
        {
            Explanations = new ExplanationRecord[maxBatchSize];
            ExplanationValues = new double[maxBatchSize * Math.Max(1, numericWidth + categoricalWidth)];
        }
    }

    public void Clear()
    {
        Array.Clear(Predictions, 0, PredictionCount);
        Array.Clear(Categorical, 0, PredictionCount * categoricalWidth);
        Array.Clear(GroundTruths, 0, GroundTruthCount);
        Array.Clear(HealthChecks, 0, HealthCheckCount);
        if (Explanations is not null)
        {
            Array.Clear(Explanations, 0, ExplanationCount);
        }

        Metrics.Clear();
        Alerts.Clear();
        DriftChecks.Clear();
        PredictionCount = GroundTruthCount = RecordedMetricCount = HealthCheckCount = ExplanationCount = 0;
    }
}
