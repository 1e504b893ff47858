using ModelMonitoring.Recording;

namespace ModelMonitoring.Buffers;

// Ring-slot payloads. Timestamps are raw TimeProvider timestamps unless a prediction's UtcTicks field
// says the caller supplied wall-clock time; the worker converts both to UTC. In labels, NaN stands for
// "not set".

// A prediction: what nearly every prediction has, in 40 bytes, so that a record and its features span
// as few cache lines as possible. Fields says which values are set (the consumer clears a released
// slot, so the producer stores only what a prediction has) and whether the rarely used ones are in
// PredictionExtrasStore. A generated id is not stored: the consumer derives it from the slot's
// position (ModelMonitor.IdOf).
internal struct PredictionEntry
{
    public long Timestamp;
    public long LatencyTicks;
    public double Confidence;
    public PredictionEntryFields Fields;

    /// <summary>The class label as an index + 1 into its shard's <see cref="ClassLabelTable"/>, or 0 when <see cref="PredictedClass"/> holds it.</summary>
    public byte LabelCode;
    public string? PredictedClass;

    public readonly PredictionStatus Status => (Fields & PredictionEntryFields.Error) != 0 ? PredictionStatus.Error : PredictionStatus.Success;

    public readonly bool Has(PredictionEntryFields field) => (Fields & field) != 0;
}

[Flags]
internal enum PredictionEntryFields
{
    None = 0,

    /// <summary>The status is <see cref="PredictionStatus.Error"/>.</summary>
    Error = 1 << 0,

    /// <summary>The timestamp is UTC ticks the caller supplied, not a raw TimeProvider timestamp.</summary>
    UtcTicks = 1 << 1,
    Confidence = 1 << 2,
    PredictedValue = 1 << 3,
    InputHash = 1 << 4,
    CustomId = 1 << 5,

    /// <summary>The slot has <see cref="PredictionExtras"/> (any of the three fields above, an error kind or a segment).</summary>
    Extras = 1 << 6,

    /// <summary>The slot's numeric side values hold the class probabilities after the features (<see cref="ModelSchema.Classes"/>).</summary>
    ClassProbabilities = 1 << 7,
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
