using ModelMonitoring.Storage;

namespace ModelMonitoring.Pipeline;

/// <summary>
/// A contiguous part of a batch, and what each sink did with it: the elements <c>[start, end)</c> of the
/// batch taken in the order predictions, labels, metrics, health checks, drift checks. A part that did not
/// fit in a store (<see cref="StorageFullException"/>) is retried in halves, so a batch larger than the
/// space left costs only what does not fit instead of the whole batch.
/// </summary>
/// <remarks>
/// Touched by the worker while the batch is being written, then only by continuations of writes the
/// worker stopped waiting for; <see cref="Gate"/> serialises those.
/// </remarks>
internal sealed class BatchPiece
{
    private readonly MonitoringBatch _whole;
    private readonly int _recordedMetrics;
    private readonly int _start;
    private readonly int _end;

    private BatchPiece(MonitoringBatch whole, int recordedMetrics, int start, int end, bool[] pending, int[] duplicates)
    {
        _whole = whole;
        _recordedMetrics = recordedMetrics;
        _start = start;
        _end = end;
        Pending = pending;
        Duplicates = duplicates;
        Writes = new Task<SinkWriteResult>?[pending.Length];
        Batch = start == 0 && end == SizeOf(whole) ? whole : Slice();
        Predictions = Batch.Predictions.Length;
        Records = Predictions + Batch.GroundTruths.Length + Batch.HealthChecks.Length + Batch.Explanations.Length + Overlap(_recordedMetrics);
    }

    public object Gate => Pending;

    /// <summary>Gets the part as a batch of its own; the whole batch when the part is all of it.</summary>
    public MonitoringBatch Batch { get; }

    /// <summary>Gets the number of application records in the part (computed metrics and drift checks are not counted).</summary>
    public int Records { get; }

    public int Predictions { get; }

    /// <summary>Gets, per sink, whether it has not stored the part yet.</summary>
    public bool[] Pending { get; }

    /// <summary>Gets, per sink that stored the part, how many of its predictions it did not keep as duplicates.</summary>
    public int[] Duplicates { get; }

    /// <summary>Gets, per sink, a write of this part the worker stopped waiting for (it may still finish).</summary>
    public Task<SinkWriteResult>?[] Writes { get; }

    public bool IsStored => Array.IndexOf(Pending, true) < 0;

    public bool IsWriting => Array.Exists(Writes, w => w is not null);

    /// <summary>Gets or sets whether a sink's last attempt at the part failed because its store is full.</summary>
    public bool DidNotFit { get; set; }

    /// <summary>Gets or sets whether a sink's last attempt at the part failed because its store refused what the part holds.</summary>
    public bool Refused { get; set; }

    /// <summary>Gets whether retrying the part in halves can help: a sink had no room for it or refused it, and no write of it is still running.</summary>
    public bool CanSplit => (DidNotFit || (Refused && !RefusalSearchEnded)) && _end - _start > 1 && !IsStored && !IsWriting;

    /// <summary>Gets or sets whether the search for the refused elements stopped short of this refused part (too many refusals in its batch).</summary>
    public bool RefusalSearchEnded { get; set; }

    /// <summary>Gets whether a sink refused the part and it is given up: one element, or the search for refused elements ended; writing it again would fail the same way.</summary>
    public bool IsRefusedElement => Refused && (_end - _start == 1 || RefusalSearchEnded) && !IsStored && !IsWriting;

    /// <summary>Gets how many predictions the sinks did not keep: the most any one of them skipped, as every sink must keep a record for it to be stored.</summary>
    public int DuplicateCount => Math.Min(Duplicates.Max(), Predictions);

    public static BatchPiece Whole(MonitoringBatch batch, int recordedMetrics, int sinkCount)
    {
        var pending = new bool[sinkCount];
        Array.Fill(pending, true);
        return new BatchPiece(batch, recordedMetrics, 0, SizeOf(batch), pending, new int[sinkCount]);
    }

    public void Stored(int sink, SinkWriteResult result)
    {
        Pending[sink] = false;
        Writes[sink] = null;
        Duplicates[sink] = Math.Clamp(result.DuplicatePredictions, 0, Predictions);
    }

    /// <summary>
    /// Splits the part in two; only the sinks that have not stored it get the halves. Duplicates already
    /// reported for the whole part stay with the first half (exact with one sink, which stored either the
    /// whole part or halves, never both).
    /// </summary>
    public (BatchPiece First, BatchPiece Second) Split()
    {
        var middle = _start + ((_end - _start) / 2);
        return (
            new BatchPiece(_whole, _recordedMetrics, _start, middle, (bool[])Pending.Clone(), (int[])Duplicates.Clone()),
            new BatchPiece(_whole, _recordedMetrics, middle, _end, (bool[])Pending.Clone(), new int[Pending.Length]));
    }

    private static int SizeOf(MonitoringBatch batch) =>
        batch.Predictions.Length + batch.GroundTruths.Length + batch.Metrics.Length + batch.HealthChecks.Length + batch.DriftChecks.Length + batch.Explanations.Length;

    private MonitoringBatch Slice()
    {
        var offset = 0;
        return new MonitoringBatch(
            _whole.Model,
            Take(_whole.Predictions, ref offset),
            Take(_whole.GroundTruths, ref offset),
            Take(_whole.Metrics, ref offset),
            Take(_whole.HealthChecks, ref offset),
            Take(_whole.DriftChecks, ref offset))
        {
            Explanations = Take(_whole.Explanations, ref offset),
        };
    }

    /// <summary>Takes the part's share of one kind of record, which starts at <paramref name="offset"/> in the batch's element order.</summary>
    private ReadOnlyMemory<T> Take<T>(ReadOnlyMemory<T> records, ref int offset)
    {
        var from = Math.Clamp(_start - offset, 0, records.Length);
        var to = Math.Clamp(_end - offset, 0, records.Length);
        offset += records.Length;
        return records[from..to];
    }

    /// <summary>Returns how many of the batch's first <paramref name="recordedMetrics"/> metrics (the recorded ones; window metrics follow) the part holds.</summary>
    private int Overlap(int recordedMetrics)
    {
        var metricsStart = _whole.Predictions.Length + _whole.GroundTruths.Length;
        var from = Math.Clamp(_start - metricsStart, 0, recordedMetrics);
        var to = Math.Clamp(_end - metricsStart, 0, recordedMetrics);
        return to - from;
    }
}
