using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using ModelMonitoring.Buffers;
using ModelMonitoring.Configuration;
using ModelMonitoring.Internal;

namespace ModelMonitoring.Recording;

/// <summary>
/// The hot path: validates a record, claims a ring slot, copies the record in and publishes it.
/// No locks, no I/O, no allocation, no exceptions; rejected records are counted by reason.
/// Predictions are in <c>ModelMonitor.Predictions.cs</c>.
/// </summary>
internal sealed partial class ModelMonitor : IModelMonitor
{
    /// <summary>The bits of the double 1.0.</summary>
    private const ulong OneBits = 0x3FF0_0000_0000_0000;

    /// <summary>
    /// The token base of a closed monitor: any thread's token minus it is a lease index past every lane,
    /// so no thread takes the fast path.
    /// </summary>
    private const int ClosedLeaseToken = int.MinValue;

    private readonly CoarseClock _clock;
    private readonly AcceptedRanges _ranges;
    private readonly ulong _maxLatencyTicks;
    private readonly PipelineState _state;
    private readonly ulong _idPrefix;
    private readonly int _numericCount;
    private readonly int _categoricalCount;
    private readonly int _classCount;
    private readonly int _fastPathFeatureCount;
    private readonly long _wakeMask;
    private readonly long _refusedValues = FeatureCopy.MaskFor(MissingValueHandling.CountAsMissing);
    private readonly int _shardBits;
    private readonly ProducerLane[] _lanes;
    private int _leaseToken;

    public ModelMonitor(ModelSchema model, int bufferCapacity, CoarseClock clock, PipelineState state, int wakeEvery = 1024, ProducerLeases? leases = null, AcceptedRanges? ranges = null)
    {
        Model = model;
        _clock = clock;
        _ranges = ranges ?? AcceptedRanges.Default;
        _maxLatencyTicks = _ranges.MaxLatencyTicks;
        _state = state;
        _numericCount = model.NumericFeatures.Count;
        _categoricalCount = model.CategoricalFeatures.Count;
        _classCount = model.Classes.Count;
        _fastPathFeatureCount = _categoricalCount == 0 && FeatureCopy.CanCopyByVectors(_numericCount) ? _numericCount : -1;
        // A slot's numeric side values are its features, then its class probabilities when the model declares classes.
        Predictions = new ShardedRing<PredictionEntry>(bufferCapacity, _numericCount + _classCount, _categoricalCount, leases: leases ?? ProducerLeases.Default);
        Extras = new PredictionExtrasStore(Predictions.Shards.Count, Predictions.Shards[0].Capacity);
        GroundTruths = new ShardedRing<GroundTruthEntry>(bufferCapacity);
        Metrics = new ShardedRing<MetricEntry>(bufferCapacity);
        HealthChecks = new ShardedRing<HealthCheckEntry>(bufferCapacity);

        // Producers wake the worker every wakeEvery records per shard (a power of two, at most half a shard),
        // so a busy model is drained as it fills instead of dropping until the next tick.
        _shardBits = Predictions.ShardBits;
        _lanes = [.. Predictions.LeasedShards.Select(shard => new ProducerLane(shard))];
        _leaseToken = Predictions.Leases!.Base + 1;
        var shardCapacity = Predictions.Shards[0].Capacity;
        _wakeMask = (long)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Math.Min(wakeEvery, shardCapacity / 2), 1, 1 << 30)) - 1;

        // Zero is reserved so that a generated id is never PredictionId.Empty.
        Span<byte> random = stackalloc byte[8];
        do
        {
            RandomNumberGenerator.Fill(random);
            _idPrefix = BitConverter.ToUInt64(random);
        }
        while (_idPrefix == 0);

        // Last, once the monitor is whole: a pipeline that has already stopped closes it at once.
        state.Attach(this);
    }

    public ModelSchema Model { get; }

    /// <summary>Sets what a NaN numeric feature does: stored as missing (the default) or the prediction dropped as <see cref="DropReason.InvalidValue"/>.</summary>
    public MissingValueHandling MissingValues
    {
        init => _refusedValues = FeatureCopy.MaskFor(value);
    }

    /// <summary>Gets the pipeline's clock, which times the model calls of <see cref="ModelMonitorTimingExtensions"/>.</summary>
    internal TimeProvider TimeProvider => _clock.TimeProvider;

    internal ShardedRing<PredictionEntry> Predictions { get; }

    /// <summary>Gets the rarely used values of the predictions in <see cref="Predictions"/>.</summary>
    internal PredictionExtrasStore Extras { get; }

    internal ShardedRing<GroundTruthEntry> GroundTruths { get; }

    internal ShardedRing<MetricEntry> Metrics { get; }

    internal ShardedRing<HealthCheckEntry> HealthChecks { get; }

    internal DropCounters Drops { get; } = new();

    /// <summary>Gets every record accepted into a buffer plus every record dropped before that.</summary>
    internal long Received => Predictions.Claimed + GroundTruths.Claimed + Metrics.Claimed + HealthChecks.Claimed + (Explanations?.Claimed ?? 0) + DroppedBeforeBuffering;

    internal long Buffered => Predictions.Count + GroundTruths.Count + Metrics.Count + HealthChecks.Count + (Explanations?.Count ?? 0);

    private long DroppedBeforeBuffering =>
        Drops.Get(DropReason.BufferFull) + Drops.Get(DropReason.InvalidValue) + Drops.Get(DropReason.SchemaMismatch)
        + Drops.Get(DropReason.UnknownModel) + Drops.Get(DropReason.Disposed)
        + Drops.Get(DropReason.LimitExceeded)
        + Drops.Get(DropReason.TimestampOutOfRange);

    public bool RecordGroundTruth(PredictionId predictionId, string actualClass) =>
        actualClass?.Length > Limits.MaxLabelLength ? Refuse(DropReason.LimitExceeded)
        : !StorableText.IsStorableOrNull(actualClass) ? Refuse(DropReason.InvalidValue)
        : RecordLabel(actualClass is null ? PredictionId.Empty : predictionId, actualClass, double.NaN);

    public bool RecordGroundTruth(PredictionId predictionId, double actualValue) =>
        RecordLabel(double.IsFinite(actualValue) ? predictionId : PredictionId.Empty, null, actualValue);

    public bool RecordMetric(string name, double value, string? unit = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        if (!double.IsFinite(value) || !ModelValidator.IsValidName(name))
        {
            return Refuse(DropReason.InvalidValue);
        }

        var rejected = unit?.Length > Limits.MaxLabelLength ? DropReason.LimitExceeded
            : !StorableText.IsStorableOrNull(unit) ? DropReason.InvalidValue
            : TrySnapshot(metadata, out metadata);
        if (rejected is { } reason)
        {
            return Refuse(reason);
        }

        if (!TryClaim(Metrics, out var shard, out var position))
        {
            return false;
        }

        ref var entry = ref shard[position];
        entry.Timestamp = _clock.Timestamp;
        entry.Name = name;
        entry.Value = value;
        entry.Unit = unit;
        entry.Metadata = metadata;
        Publish(shard, position);
        return true;
    }

    public bool RecordHealthCheck(ModelHealthStatus status, double score, IReadOnlyList<string>? issues = null)
    {
        if (!(score >= 0 && score <= 1 && Enum.IsDefined(status)))
        {
            return Refuse(DropReason.InvalidValue);
        }

        if (TrySnapshot(issues, out issues) is { } rejected)
        {
            return Refuse(rejected);
        }

        if (!TryClaim(HealthChecks, out var shard, out var position))
        {
            return false;
        }

        ref var entry = ref shard[position];
        entry.Timestamp = _clock.Timestamp;
        entry.Status = status;
        entry.Score = score;
        entry.Issues = issues;
        Publish(shard, position);
        return true;
    }

    private bool RecordLabel(PredictionId predictionId, string? actualClass, double actualValue)
    {
        if (predictionId.IsEmpty)
        {
            return Refuse(DropReason.InvalidValue);
        }

        if (!TryClaim(GroundTruths, out var shard, out var position))
        {
            return false;
        }

        ref var entry = ref shard[position];
        entry.Timestamp = _clock.Timestamp;
        entry.PredictionId = predictionId;
        entry.ActualClass = actualClass;
        entry.ActualValue = actualValue;
        Publish(shard, position);
        return true;
    }

    /// <summary>Rejects (and counts) a record after dispose or when its ring is full; otherwise claims a slot. Invalid records are refused before (see <c>Refuse</c>).</summary>
    private bool TryClaim<T>(ShardedRing<T> ring, out RingBuffer<T> shard, out long position)
        where T : struct
    {
        if (_state.IsStopped)
        {
            Drops.Increment(DropReason.Disposed);
            shard = null!;
            position = 0;
            return false;
        }

        if (!ring.TryClaim(out shard, out position))
        {
            Drops.Increment(DropReason.BufferFull);
            return false;
        }

        return true;
    }

    /// <summary>Makes a slot visible to the worker, and wakes the worker once per batch worth of records.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Publish<T>(RingBuffer<T> shard, long position)
        where T : struct
    {
        shard.Publish(position);
        WakeWorkerIfDue(position);
    }

    /// <summary>Wakes the worker once per batch worth of records in a shard, so a busy model is drained before the next tick.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WakeWorkerIfDue(long position)
    {
        if (IsWakeDue(position))
        {
            _state.Signal();
        }
    }

    /// <summary>Gets a value indicating whether the record at <paramref name="position"/> completes a batch worth of records in its shard (see <see cref="WakeWorkerIfDue"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsWakeDue(long position) => ((position + 1) & _wakeMask) == 0;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private PredictionId Reject(DropReason reason)
    {
        Drops.Increment(reason);
        return PredictionId.Empty;
    }
}
