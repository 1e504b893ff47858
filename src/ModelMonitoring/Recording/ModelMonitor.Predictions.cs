using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ModelMonitoring.Buffers;

namespace ModelMonitoring.Recording;

// The prediction path. The fast path is the common case, in one pass: a thread holding a lease
// (ProducerLeases) records a prediction with no rarely used values (Prediction.Optional) and a class
// label its shard already knows (ClassLabelTable) into its own shard, which has room by its last view
// of the consumer, with at least four features. Its only call is the thread-static read, first, while
// little is live, so it needs few registers saved (the rare exits are tail calls). Everything else (no
// lease yet, a full shard, a new label, categorical features or rare values, a stopped pipeline)
// takes RecordSlow, which decides again from the start.
internal sealed partial class ModelMonitor
{
    public PredictionId RecordPrediction(in Prediction prediction)
    {
        // A stopped pipeline has closed the lease token (Close), so no thread matches it here.
        var lease = (uint)(ProducerLeases.Token - _leaseToken);
        var lanes = _lanes;
        if (lease >= (uint)lanes.Length || prediction.Optional != OptionalFields.None)
        {
            return RecordSlow(prediction);
        }

        ref var lane = ref lanes[lease];
        var shard = lane.Shard;
        if (!shard.TryPeekFreeExclusiveCached(out var position))
        {
            return RecordSlow(prediction);
        }

        // A schema with categorical features or too few numeric values for vectors never matches here.
        // The features are checked while they are copied into the free slot; the slot is claimed only
        // once everything has passed, so a rejected record leaves nothing behind.
        var numeric = prediction.NumericFeatures;
        if (numeric.Length != _fastPathFeatureCount)
        {
            return RecordSlow(prediction);
        }

        if (!FeatureCopy.TryCopyValidBy256BitVectors(ref MemoryMarshal.GetReference(numeric), ref shard.NumericRef(position), numeric.Length, _refusedValues))
        {
            return Reject(DropReason.InvalidValue);
        }

        // The scalar checks are IsValid's, in a cheaper form: a latency as an unsigned number is above
        // the limit when it is too long or negative, and a confidence within [0, 1] is a double
        // whose bits, as an unsigned integer, are at most those of 1 (which also turns away -0, a valid
        // confidence). The slow path decides what fails here, and rejects. Each value is read once, into
        // a local: for all the compiler knows, the stores into the slot below could change the prediction.
        var latencyTicks = prediction.Latency.Ticks;
        var status = prediction.Status;
        var confidence = prediction.Confidence;
        if ((ulong)latencyTicks > _maxLatencyTicks
            || (uint)status > (uint)PredictionStatus.Error
            || (confidence.HasValue && BitConverter.DoubleToUInt64Bits(confidence.GetValueOrDefault()) > OneBits))
        {
            return RecordSlow(prediction);
        }

        // A label this shard has not seen yet (or cannot code) is stored by the slow path.
        var labelCode = 0;
        if (prediction.PredictedClass is { } label && !lane.Labels.TryFind(label, out labelCode))
        {
            return RecordSlow(prediction);
        }

        ref var entry = ref shard.ItemAt(position);
        WriteCommon(ref entry, latencyTicks, status, confidence);
        entry.LabelCode = (byte)labelCode;
        shard.PublishExclusive(position);
        return IsWakeDue(position) ? WakeWorker(shard, position) : GeneratedId(shard, position);
    }

    /// <summary>Closes the fast path once the pipeline has stopped: every call then takes <see cref="RecordSlow"/>, which rejects it.</summary>
    internal void Close() => Volatile.Write(ref _leaseToken, ClosedLeaseToken);

    /// <summary>Gets the identifier of the prediction in a published slot, given its extras (default when it has none).</summary>
    internal PredictionId IdOf(RingBuffer<PredictionEntry> shard, long position, in PredictionEntry entry, in PredictionExtras extras) =>
        entry.Has(PredictionEntryFields.CustomId) ? extras.CustomId : GeneratedId(shard, position);

    /// <summary>
    /// Everything the fast path leaves: a stopped pipeline, categorical features or rare values, a
    /// thread without a lease here (it may take one now), a full leased shard (the record goes to the
    /// shared shard), with the checks in the order their drop reasons are counted.
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

        if ((optional & OptionalFields.Attributions) != 0 && CheckInlineAttributions(prediction) is { } rejected)
        {
            return Reject(rejected);
        }

        if ((optional & OptionalFields.ClassProbabilities) != 0 && CheckClassProbabilities(prediction.ClassProbabilities) is { } refused)
        {
            return Reject(refused);
        }

        if (!IsValid(prediction, optional))
        {
            return Reject(DropReason.InvalidValue);
        }

        if (!WithinLimits(prediction, optional))
        {
            return Reject(DropReason.LimitExceeded);
        }

        if (!HasStorableText(prediction, optional))
        {
            return Reject(DropReason.InvalidValue);
        }

        // Only a time the caller gave is checked: the clock's own is in range by definition.
        if ((optional & OptionalFields.Timestamp) != 0 && prediction.Timestamp is { } timestamp && !_ranges.AcceptsTimestamp(timestamp.UtcTicks, _clock.UtcTicks))
        {
            return Reject(DropReason.TimestampOutOfRange);
        }

        PredictionId id;
        long position = 0;
        var shard = Predictions.LeasedShard();
        ref var slot = ref shard is null ? ref Unsafe.NullRef<RingBuffer<PredictionEntry>.Slot>() : ref shard.PeekFreeSlotExclusive(out position);
        if (!Unsafe.IsNullRef(ref slot))
        {
            if (!FeatureCopy.TryCopyValid(ref MemoryMarshal.GetReference(numeric), ref shard!.NumericRef(position), numeric.Length, _refusedValues))
            {
                return Reject(DropReason.InvalidValue);
            }

            id = Write(shard, ref slot.Item, position, prediction, optional);
            shard.PublishExclusive(position);
        }
        else
        {
            if (!FeatureCopy.AllValid(numeric, _refusedValues))
            {
                return Reject(DropReason.InvalidValue);
            }

            if (!Predictions.TryClaimShared(out shard, out position))
            {
                return Reject(DropReason.BufferFull);
            }

            numeric.CopyTo(shard.NumericAt(position));
            id = Write(shard, ref shard[position], position, prediction, optional);
            shard.Publish(position);
        }

        WakeWorkerIfDue(position);
        if ((optional & OptionalFields.Attributions) != 0)
        {
            WriteInlineAttributions(id, prediction);
        }

        return id;
    }

    /// <summary>Wakes the worker (see <see cref="WakeWorkerIfDue"/>) and returns the id of the prediction at <paramref name="position"/>, as a call of its own so the fast path keeps nothing live across it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private PredictionId WakeWorker(RingBuffer<PredictionEntry> shard, long position)
    {
        _state.Signal();
        return GeneratedId(shard, position);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CategoricalCount(in Prediction prediction, OptionalFields optional) =>
        (optional & OptionalFields.CategoricalFeatures) != 0 ? prediction.CategoricalFeatures.Length : 0;

    /// <summary>Checks the scalar values: a latency neither negative nor above the limit, a known status, a confidence within [0, 1], a finite predicted value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsValid(in Prediction prediction, OptionalFields optional) =>
        (ulong)prediction.Latency.Ticks <= _maxLatencyTicks
        && (uint)prediction.Status <= (uint)PredictionStatus.Error
        && (prediction.Confidence is not { } c || (c >= 0 && c <= 1))
        && ((optional & OptionalFields.PredictedValue) == 0 || prediction.PredictedValue is not { } v || double.IsFinite(v));

    /// <summary>
    /// Checks a prediction's class probabilities (<see cref="Prediction.ClassProbabilities"/>): one per declared class, each
    /// a probability distribution (<see cref="ClassProbabilityCheck"/>); returns why they reject it, or null.
    /// </summary>
    private DropReason? CheckClassProbabilities(ReadOnlySpan<double> probabilities)
    {
        if (probabilities.IsEmpty)
        {
            return null;
        }

        if (probabilities.Length != _classCount)
        {
            return DropReason.SchemaMismatch;
        }

        return ClassProbabilityCheck.FirstOutOfRange(probabilities, out var sum) < 0 && ClassProbabilityCheck.SumsToOne(sum) ? null : DropReason.InvalidValue;
    }

    /// <summary>Copies a validated prediction (all but its numeric features, already copied) into a claimed slot, and returns its id.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private PredictionId Write(RingBuffer<PredictionEntry> shard, ref PredictionEntry entry, long position, in Prediction prediction, OptionalFields optional)
    {
        WriteCommon(ref entry, prediction.Latency.Ticks, prediction.Status, prediction.Confidence);
        WriteLabel(shard, ref entry, prediction.PredictedClass);
        if (optional == OptionalFields.None)
        {
            return GeneratedId(shard, position);
        }

        var fields = entry.Fields;
        var id = WriteOptional(shard, ref entry, position, prediction, optional, ref fields);
        entry.Fields = fields;
        return id;
    }

    /// <summary>Stores what nearly every prediction has.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteCommon(ref PredictionEntry entry, long latencyTicks, PredictionStatus status, double? confidence)
    {
        // Released slots are cleared, so only what the prediction has is stored. The status was checked
        // to be Success or Error, which are the values of no field and of the Error field.
        entry.Timestamp = _clock.Timestamp;
        entry.LatencyTicks = latencyTicks;
        entry.Confidence = confidence.GetValueOrDefault();
        // The flag is multiplied in rather than chosen, which takes a shift instead of a conditional move.
        entry.Fields = (PredictionEntryFields)status | (PredictionEntryFields)(Unsafe.BitCast<bool, byte>(confidence.HasValue) * (int)PredictionEntryFields.Confidence);
    }

    /// <summary>Stores the class label as its shard's code when it has or can get one, as a reference otherwise.</summary>
    private void WriteLabel(RingBuffer<PredictionEntry> shard, ref PredictionEntry entry, string? label)
    {
        if (label is null)
        {
            return;
        }

        if (shard.IsSingleProducer)
        {
            ref var table = ref _lanes[shard.Index].Labels;
            entry.LabelCode = table.TryFind(label, out var code) ? (byte)code : table.Add(label);
        }

        if (entry.LabelCode == 0)
        {
            entry.PredictedClass = label;
        }
    }

    /// <summary>Gets the class label of a published slot.</summary>
    internal string? LabelOf(RingBuffer<PredictionEntry> shard, in PredictionEntry entry) =>
        entry.LabelCode != 0 ? _lanes[shard.Index].Labels.LabelOf(entry.LabelCode) : entry.PredictedClass;

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

        if ((optional & OptionalFields.ClassProbabilities) != 0 && !prediction.ClassProbabilities.IsEmpty)
        {
            prediction.ClassProbabilities.CopyTo(shard.NumericAt(position)[_numericCount..]);
            fields |= PredictionEntryFields.ClassProbabilities;
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

    /// <summary>What the fast path needs of one lease's shard, reached with a single array index: the shard, and the labels it codes (inline).</summary>
    private struct ProducerLane(RingBuffer<PredictionEntry> shard)
    {
        public readonly RingBuffer<PredictionEntry> Shard = shard;
        public ClassLabelTable Labels;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private PredictionId GeneratedId(RingBuffer<PredictionEntry> shard, long position) =>
        new(_idPrefix, ((ulong)position << _shardBits) | (uint)shard.Index);
}
