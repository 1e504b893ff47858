using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using ModelMonitoring.Buffers;
using ModelMonitoring.Configuration;
using ModelMonitoring.Internal;

namespace ModelMonitoring.Recording;

/// <summary>
/// The hot path: validates a record, claims a ring slot, copies the record in and publishes it.
/// No locks, no I/O, no allocation, no exceptions; rejected records are counted by reason.
/// </summary>
internal sealed class ModelMonitor : IModelMonitor
{
    private readonly CoarseClock _clock;
    private readonly PipelineState _state;
    private readonly ulong _idPrefix;
    private readonly int _numericCount;
    private readonly int _categoricalCount;
    private readonly long _wakeMask;
    private readonly int _shardBits;

    public ModelMonitor(ModelSchema model, int bufferCapacity, CoarseClock clock, PipelineState state, int wakeEvery = 1024, ProducerLeases? leases = null)
    {
        Model = model;
        _clock = clock;
        _state = state;
        _numericCount = model.NumericFeatures.Count;
        _categoricalCount = model.CategoricalFeatures.Count;
        Predictions = new ShardedRing<PredictionEntry>(bufferCapacity, _numericCount, _categoricalCount, leases: leases ?? ProducerLeases.Default);
        GroundTruths = new ShardedRing<GroundTruthEntry>(bufferCapacity);
        Metrics = new ShardedRing<MetricEntry>(bufferCapacity);
        HealthChecks = new ShardedRing<HealthCheckEntry>(bufferCapacity);

        // Producers wake the worker every wakeEvery records per shard (a power of two, at most half a shard),
        // so a busy model is drained as it fills instead of dropping until the next tick.
        _shardBits = Predictions.ShardBits;
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
    }

    public ModelSchema Model { get; }

    internal ShardedRing<PredictionEntry> Predictions { get; }

    internal ShardedRing<GroundTruthEntry> GroundTruths { get; }

    internal ShardedRing<MetricEntry> Metrics { get; }

    internal ShardedRing<HealthCheckEntry> HealthChecks { get; }

    internal DropCounters Drops { get; } = new();

    /// <summary>Gets every record accepted into a buffer plus every record dropped before that.</summary>
    internal long Received => Predictions.Claimed + GroundTruths.Claimed + Metrics.Claimed + HealthChecks.Claimed + DroppedBeforeBuffering;

    internal long Buffered => Predictions.Count + GroundTruths.Count + Metrics.Count + HealthChecks.Count;

    private long DroppedBeforeBuffering =>
        Drops.Get(DropReason.BufferFull) + Drops.Get(DropReason.InvalidValue) + Drops.Get(DropReason.SchemaMismatch)
        + Drops.Get(DropReason.UnknownModel) + Drops.Get(DropReason.Disposed);

    public PredictionId RecordPrediction(in Prediction prediction)
    {
        if (_state.IsStopped)
        {
            return Reject(DropReason.Disposed);
        }

        // Looked up first, while little else is live: the thread-static read is a call (__tls_get_addr on Linux).
        var leased = Predictions.LeasedShard();
        var numeric = prediction.NumericFeatures;
        if (numeric.Length != _numericCount || prediction.CategoricalFeatures.Length != _categoricalCount)
        {
            return Reject(DropReason.SchemaMismatch);
        }

        if (prediction.Latency < TimeSpan.Zero
            || prediction.Confidence is { } c && !(c >= 0 && c <= 1)
            || prediction.PredictedValue is { } v && !double.IsFinite(v))
        {
            return Reject(DropReason.InvalidValue);
        }

        if (leased is null || !leased.TryPeekFreeExclusive(out var position))
        {
            return RecordShared(prediction);
        }

        // The features are checked while they are copied into the free slot, in one pass; the slot is
        // not claimed until the check has passed, so a rejected record leaves nothing behind.
        if (!CopyFinite(numeric, leased.NumericAt(position)))
        {
            return Reject(DropReason.InvalidValue);
        }

        leased.CommitExclusive(position);
        return Write(leased, position, prediction);
    }

    public bool RecordGroundTruth(PredictionId predictionId, string actualClass) =>
        RecordLabel(actualClass is null ? PredictionId.Empty : predictionId, actualClass, double.NaN);

    public bool RecordGroundTruth(PredictionId predictionId, double actualValue) =>
        RecordLabel(double.IsFinite(actualValue) ? predictionId : PredictionId.Empty, null, actualValue);

    public bool RecordMetric(string name, double value, string? unit = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        if (!TryClaim(Metrics, double.IsFinite(value) && ModelValidator.IsValidName(name), out var shard, out var position))
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
        if (!TryClaim(HealthChecks, score >= 0 && score <= 1 && Enum.IsDefined(status), out var shard, out var position))
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
        if (!TryClaim(GroundTruths, !predictionId.IsEmpty, out var shard, out var position))
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

    /// <summary>Claims a slot in the shared shard: the thread holds no lease, or its own shard is full.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private PredictionId RecordShared(in Prediction prediction)
    {
        if (!AllFinite(prediction.NumericFeatures))
        {
            return Reject(DropReason.InvalidValue);
        }

        if (!Predictions.TryClaimShared(out var shard, out var position))
        {
            return Reject(DropReason.BufferFull);
        }

        prediction.NumericFeatures.CopyTo(shard.NumericAt(position));
        return Write(shard, position, prediction);
    }

    /// <summary>Copies a validated prediction (all but its numeric features, already copied) into a claimed slot and publishes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private PredictionId Write(RingBuffer<PredictionEntry> shard, long position, in Prediction prediction)
    {
        var id = prediction.Id.IsEmpty
            ? new PredictionId(_idPrefix, ((ulong)position << _shardBits) | (uint)shard.Index)
            : prediction.Id;

        ref var entry = ref shard[position];
        entry.Id = id;
        SetTimestamp(ref entry.Timestamp, ref entry.HasUtcTicks, prediction.Timestamp);
        entry.LatencyTicks = prediction.Latency.Ticks;
        entry.Status = prediction.Status;
        entry.PredictedValue = prediction.PredictedValue ?? double.NaN;
        entry.Confidence = prediction.Confidence ?? double.NaN;
        entry.HasInputHash = prediction.InputHash.HasValue;
        entry.InputHash = prediction.InputHash.GetValueOrDefault();

        // Released slots are cleared, so nulls need no store (and no GC write barrier).
        if (prediction.PredictedClass is { } predictedClass)
        {
            entry.PredictedClass = predictedClass;
        }

        if (prediction.ErrorKind is { } errorKind)
        {
            entry.ErrorKind = errorKind;
        }

        if (prediction.Segment is { } segment)
        {
            entry.Segment = segment;
        }

        if (_categoricalCount > 0)
        {
            prediction.CategoricalFeatures.CopyTo(shard.CategoricalAt(position));
        }

        Publish(shard, position);
        return id;
    }

    /// <summary>Rejects (and counts) a record after dispose, when invalid or when its ring is full; otherwise claims a slot.</summary>
    private bool TryClaim<T>(ShardedRing<T> ring, bool valid, out RingBuffer<T> shard, out long position)
        where T : struct
    {
        if (_state.IsStopped || !valid)
        {
            Drops.Increment(_state.IsStopped ? DropReason.Disposed : DropReason.InvalidValue);
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
        if ((position & _wakeMask) == _wakeMask)
        {
            _state.Signal();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetTimestamp(ref long timestamp, ref bool hasUtcTicks, DateTimeOffset? supplied)
    {
        if (supplied is { } value)
        {
            timestamp = value.UtcTicks;
            hasUtcTicks = true;
        }
        else
        {
            timestamp = _clock.Timestamp;
            hasUtcTicks = false;
        }
    }

    // A double is NaN or infinite exactly when its exponent bits are all set; testing four at a time
    // keeps the check to a few instructions for typical feature counts.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        const long ExponentMask = 0x7FF0_0000_0000_0000;
        var bits = MemoryMarshal.Cast<double, long>(values);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var mask = Vector256.Create(ExponentMask);
            for (; i <= bits.Length - Vector256<long>.Count; i += Vector256<long>.Count)
            {
                if (Vector256.EqualsAny(Vector256.Create(bits.Slice(i, Vector256<long>.Count)) & mask, mask))
                {
                    return false;
                }
            }
        }

        for (; i < bits.Length; i++)
        {
            if ((bits[i] & ExponentMask) == ExponentMask)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Copies feature values and reports whether all of them are finite, four at a time.</summary>
    /// <remarks>
    /// A double is NaN or infinite exactly when its exponent bits are all set. Features are a few dozen
    /// values at most, where a call to Memmove and a separate checking pass cost more than this loop.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool CopyFinite(ReadOnlySpan<double> source, Span<double> destination)
    {
        const long ExponentMask = 0x7FF0_0000_0000_0000;
        if (destination.Length < source.Length)
        {
            return false;
        }

        // Bounds are checked once above; the loads and stores below stay within both spans.
        ref var from = ref MemoryMarshal.GetReference(source);
        ref var to = ref MemoryMarshal.GetReference(destination);
        var i = 0;
        var finite = true;
        if (Vector256.IsHardwareAccelerated)
        {
            var mask = Vector256.Create(ExponentMask);
            for (; i <= source.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var values = Vector256.LoadUnsafe(ref from, (nuint)i);
                values.StoreUnsafe(ref to, (nuint)i);
                finite &= !Vector256.EqualsAny(values.AsInt64() & mask, mask);
            }
        }

        for (; i < source.Length; i++)
        {
            var value = Unsafe.Add(ref from, i);
            Unsafe.Add(ref to, i) = value;
            finite &= (BitConverter.DoubleToInt64Bits(value) & ExponentMask) != ExponentMask;
        }

        return finite;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private PredictionId Reject(DropReason reason)
    {
        Drops.Increment(reason);
        return PredictionId.Empty;
    }
}
