using ModelMonitoring.Recording;

namespace ModelMonitoring.Buffers;

// Ring-slot payloads. Timestamps are raw TimeProvider timestamps unless HasUtcTicks says the caller
// supplied wall-clock time; the worker converts both to UTC. NaN stands for "not set" in doubles.

internal struct PredictionEntry
{
    public long Timestamp;
    public bool HasUtcTicks;
    public PredictionStatus Status;
    public bool HasInputHash;
    public PredictionId Id;
    public long LatencyTicks;
    public double PredictedValue;
    public double Confidence;
    public ulong InputHash;
    public string? PredictedClass;
    public string? ErrorKind;
    public string? Segment;
}

internal struct GroundTruthEntry
{
    public long Timestamp;
    public PredictionId PredictionId;
    public double ActualValue;
    public string? ActualClass;
}

internal struct MetricEntry
{
    public long Timestamp;
    public double Value;
    public string Name;
    public string? Unit;
    public IReadOnlyDictionary<string, string>? Metadata;
}

internal struct HealthCheckEntry
{
    public long Timestamp;
    public ModelHealthStatus Status;
    public double Score;
    public IReadOnlyList<string>? Issues;
}
