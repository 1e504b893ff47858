namespace ModelMonitoring.Storage;

/// <summary>
/// What a sink kept of a batch it wrote: every record, except those it reports here as not kept
/// because the store already held an equal one. The pipeline counts those as dropped
/// (<see cref="Recording.DropReason.DuplicateId"/>) instead of stored, so its statistics never claim
/// a record is stored that the store did not keep.
/// </summary>
public readonly record struct SinkWriteResult
{
    /// <summary>Gets a result saying every record of the batch was kept.</summary>
    public static SinkWriteResult AllKept => default;

    /// <summary>
    /// Gets or initializes how many predictions of the batch were not kept because the store already
    /// held a prediction with the same id (written earlier, or earlier in the same batch). Between zero
    /// and the number of predictions in the batch. The default value is 0.
    /// </summary>
    public int DuplicatePredictions { get; init; }
}
