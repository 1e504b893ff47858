using ModelMonitoring.Alerting;
using ModelMonitoring.Drift;
using ModelMonitoring.Recording;

namespace ModelMonitoring.Storage.ContractTests;

/// <summary>Builders for the records the contract tests write. Times are whole microseconds, the precision stores keep.</summary>
public static class TestData
{
    /// <summary>The start of every test's timeline.</summary>
    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static long s_nextId = 1;

    public static DateTimeOffset At(double seconds) => T0.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond / 10) * 10);

    public static PredictionId NewId() => new(0xC0FFEE, (ulong)Interlocked.Increment(ref s_nextId));

    public static ModelSchema Schema(string name, string version = "1.0", string environment = "test", string[]? numeric = null, string[]? categorical = null, string[]? classes = null) =>
        new(name, version, environment, numeric ?? [], categorical ?? []) { Classes = classes ?? [] };

    public static PredictionRecord Prediction(
        DateTimeOffset timestamp,
        double latencyMs = 10,
        string? predictedClass = null,
        double? predictedValue = null,
        double? confidence = null,
        PredictionStatus status = PredictionStatus.Success,
        PredictionId? id = null,
        double[]? numeric = null,
        string?[]? categorical = null,
        string? segment = null,
        double[]? probabilities = null) => new()
        {
            Id = id ?? NewId(),
            Timestamp = timestamp,
            Latency = TimeSpan.FromTicks((long)Math.Round(latencyMs * TimeSpan.TicksPerMillisecond)),
            Status = status,
            ErrorKind = status == PredictionStatus.Error ? "TimeoutException" : null,
            PredictedClass = predictedClass,
            PredictedValue = predictedValue,
            Confidence = confidence,
            Segment = segment,
            NumericFeatures = numeric ?? [],
            CategoricalFeatures = categorical ?? [],
            ClassProbabilities = probabilities ?? [],
        };

    public static GroundTruthRecord Label(PredictionId id, DateTimeOffset timestamp, string? actualClass = null, double? actualValue = null) =>
        new() { PredictionId = id, Timestamp = timestamp, ActualClass = actualClass, ActualValue = actualValue };

    public static MetricRecord Metric(string name, double value, DateTimeOffset timestamp, string? unit = null, IReadOnlyDictionary<string, string>? metadata = null) =>
        new() { Name = name, Value = value, Timestamp = timestamp, Unit = unit, Metadata = metadata };

    public static Alert Alert(ModelSchema model, string name, DateTimeOffset timestamp, AlertSeverity severity = AlertSeverity.Warning, AlertState state = AlertState.Firing) => new()
    {
        Id = $"{model.Name}-{name}-{timestamp.UtcTicks}-{state}",
        StartedAt = timestamp,
        ResolvedAt = state == AlertState.Resolved ? timestamp : null,
        Model = model.Name,
        Version = model.Version,
        Environment = model.Environment,
        Name = name,
        Severity = severity,
        State = state,
        Message = $"{name} crossed its limit",
        Timestamp = timestamp,
    };

    public static FeatureDriftResult Feature(string name, bool drifted, double statistic = 0.05, double? pValue = null, double threshold = 0.1, string method = DriftMethods.Wasserstein) =>
        new(name, FeatureKind.Numeric, method, statistic, pValue, threshold, drifted, Math.Min(1, statistic / threshold));

    public static DriftCheckRecord DriftCheck(ModelSchema model, DateTimeOffset timestamp, double score = 0.2, bool drifted = false, params FeatureDriftResult[] features) => new()
    {
        Model = model.Name,
        Timestamp = timestamp,
        WindowStart = timestamp.AddMinutes(-5),
        WindowEnd = timestamp.AddTicks(-10),
        RowCount = 5_000,
        ReferenceRowCount = 100_000,
        Detector = "DatasetDriftDetector",
        DatasetDrifted = drifted,
        DriftedShare = features.Length == 0 ? 0 : (double)features.Count(f => f.Drifted) / features.Length,
        Score = score,
        Recommendation = drifted ? DriftSeverity.Critical : DriftSeverity.None,
        Features = features,
    };

    public static MonitoringBatch Batch(
        ModelSchema model,
        PredictionRecord[]? predictions = null,
        GroundTruthRecord[]? labels = null,
        MetricRecord[]? metrics = null,
        HealthCheckRecord[]? healthChecks = null,
        DriftCheckRecord[]? driftChecks = null) => new(model, predictions, labels, metrics, healthChecks, driftChecks);
}
