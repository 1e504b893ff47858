namespace ModelMonitoring.Storage;

/// <summary>
/// Thrown by an <see cref="IMetricSink"/> when its store refuses what a batch holds, so that writing the same batch
/// again would fail the same way (a value the store's type or a constraint refuses), as opposed to a failure that a
/// retry may get past. The pipeline then writes the batch again in halves, at once and down to single records, so that
/// only the records the store refuses are dropped, counted as <see cref="Recording.DropReason.Rejected"/>, and the rest
/// of the batch is stored.
/// </summary>
/// <remarks>The sink must have stored nothing of the batch, as for any failed write.</remarks>
public sealed class RecordRejectedException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    public RecordRejectedException()
        : base("The store refused a record of the batch.")
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What the store refused.</param>
    public RecordRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What the store refused.</param>
    /// <param name="innerException">The store's own error.</param>
    public RecordRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
