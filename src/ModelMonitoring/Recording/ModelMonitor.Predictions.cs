using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ModelMonitoring.Buffers;

namespace ModelMonitoring.Recording;

// The prediction path. The fast path covers the common case in one pass with no call: the thread
// holds a lease (ProducerLeases), its shard has room, and the record is valid. Everything else takes
// RecordSlow, which decides again from the start.
internal sealed partial class ModelMonitor
{
    public PredictionId RecordPrediction(in Prediction prediction)
    {
        var leased = _leasedShards;
        var lease = (uint)(ProducerLeases.Token - _leaseToken);
        if (lease >= (uint)leased.Length || _state.IsStopped)
        {
            return RecordSlow(prediction);
        }

        var shard = leased[lease];
        ref var slot = ref shard.PeekFreeSlotExclusive(out var position);
        if (Unsafe.IsNullRef(ref slot))
        {
            return RecordSlow(prediction);
        }

        var optional = prediction.Optional;
        var numeric = prediction.NumericFeatures;
        if (numeric.Length != _numericCount || CategoricalCount(prediction, optional) != _categoricalCount)
        {
            return Reject(DropReason.SchemaMismatch);
        }

        // The features are checked while they are copied into the free slot; the slot is claimed only
        // once everything has passed, so a rejected record leaves nothing behind.
        if (!IsValid(prediction, optional)
            || !FeatureCopy.TryCopyFinite(ref MemoryMarshal.GetReference(numeric), ref shard.NumericRef(position), numeric.Length))
        {
            return Reject(DropReason.InvalidValue);
        }

        var id = Write(shard, ref slot.Item, position, prediction, optional);
        shard.PublishExclusive(position);
        WakeWorkerIfDue(position);
        return id;
    }

    /// <summary>Gets the identifier of the prediction in a published slot, given its extras (default when it has none).</summary>
    internal PredictionId IdOf(RingBuffer<PredictionEntry> shard, long position, in PredictionEntry entry, in PredictionExtras extras) =>
        entry.Has(PredictionEntryFields.CustomId) ? extras.CustomId : GeneratedId(shard, position);

    /// <summary>
    /// Everything the fast path leaves: a stopped pipeline, a thread without a lease here (it may take
    /// one now), a full leased shard (the record goes to the shared shard), with the checks in the
    /// order their drop reasons are counted.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private PredictionId RecordSlow(in Prediction prediction)
    {
        if (_state.IsStopped)
        {
            return Reject(DropReason.Disposed);
        }

        var optional = prediction.Optional;
        var numeric = prediction.NumericFeatures;
        if (numeric.Length != _numericCount || CategoricalCount(prediction, optional) != _categoricalCount)
        {
            return Reject(DropReason.SchemaMismatch);
        }

        if (!IsValid(prediction, optional) || !FeatureCopy.AllFinite(numeric))
        {
            return Reject(DropReason.InvalidValue);
        }

        var shard = Predictions.LeasedShard();
        long position;
        if (shard is null || !shard.TryClaimExclusive(out position))
        {
            if (!Predictions.TryClaimShared(out shard, out position))
            {
                return Reject(DropReason.BufferFull);
            }
        }

        numeric.CopyTo(shard.NumericAt(position));
        var id = Write(shard, ref shard[position], position, prediction, optional);
        shard.Publish(position);
        WakeWorkerIfDue(position);
        return id;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CategoricalCount(in Prediction prediction, OptionalFields optional) =>
        (optional & OptionalFields.CategoricalFeatures) != 0 ? prediction.CategoricalFeatures.Length : 0;

    /// <summary>Checks the scalar values: a latency that is not negative, a known status, a confidence within [0, 1], a finite predicted value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsValid(in Prediction prediction, OptionalFields optional) =>
        prediction.Latency >= TimeSpan.Zero
        && (uint)prediction.Status <= (uint)PredictionStatus.Error
        && (prediction.Confidence is not { } c || (c >= 0 && c <= 1))
        && ((optional & OptionalFields.PredictedValue) == 0 || prediction.PredictedValue is not { } v || double.IsFinite(v));

    /// <summary>Copies a validated prediction (all but its numeric features, already copied) into a claimed slot, and returns its id.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private PredictionId Write(RingBuffer<PredictionEntry> shard, ref PredictionEntry entry, long position, in Prediction prediction, OptionalFields optional)
    {
        // Released slots are cleared, so only what the prediction has is stored. The status was checked
        // to be Success or Error, which are the values of no field and of the Error field.
        entry.Timestamp = _clock.Timestamp;
        entry.LatencyTicks = prediction.Latency.Ticks;
        var confidence = prediction.Confidence;
        entry.Confidence = confidence.GetValueOrDefault();
        var fields = (PredictionEntryFields)prediction.Status | (confidence.HasValue ? PredictionEntryFields.Confidence : PredictionEntryFields.None);
        var id = optional == OptionalFields.None
            ? GeneratedId(shard, position)
            : WriteOptional(shard, ref entry, position, prediction, optional, ref fields);
        entry.Fields = fields;
        if (prediction.PredictedClass is { } predictedClass)
        {
            entry.PredictedClass = predictedClass;
        }

        return id;
    }

    /// <summary>Stores the rarely set values <see cref="Prediction.Optional"/> lists, adds them to the fields, and returns the prediction's id.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private PredictionId WriteOptional(RingBuffer<PredictionEntry> shard, ref PredictionEntry entry, long position, in Prediction prediction, OptionalFields optional, ref PredictionEntryFields fields)
    {
        if (prediction.Timestamp is { } timestamp)
        {
            entry.Timestamp = timestamp.UtcTicks;
            fields |= PredictionEntryFields.UtcTicks;
        }

        if ((optional & OptionalFields.CategoricalFeatures) != 0)
        {
            prediction.CategoricalFeatures.CopyTo(shard.CategoricalAt(position));
        }

        var id = prediction.Id.IsEmpty ? GeneratedId(shard, position) : prediction.Id;
        if ((optional & (OptionalFields.PredictedValue | OptionalFields.InputHash | OptionalFields.Id | OptionalFields.ErrorKind | OptionalFields.Segment)) == 0)
        {
            return id;
        }

        ref var extras = ref Extras.ForProducer(shard.Index, shard.IndexOf(position));
        fields |= PredictionEntryFields.Extras;
        if (prediction.PredictedValue is { } predictedValue)
        {
            extras.PredictedValue = predictedValue;
            fields |= PredictionEntryFields.PredictedValue;
        }

        if (prediction.InputHash is { } inputHash)
        {
            extras.InputHash = inputHash;
            fields |= PredictionEntryFields.InputHash;
        }

        if (!prediction.Id.IsEmpty)
        {
            extras.CustomId = id;
            fields |= PredictionEntryFields.CustomId;
        }

        extras.ErrorKind = prediction.ErrorKind;
        extras.Segment = prediction.Segment;
        return id;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private PredictionId GeneratedId(RingBuffer<PredictionEntry> shard, long position) =>
        new(_idPrefix, ((ulong)position << _shardBits) | (uint)shard.Index);
}
