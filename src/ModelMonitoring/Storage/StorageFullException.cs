namespace ModelMonitoring.Storage;

/// <summary>
/// Thrown by an <see cref="IMetricSink"/> when a batch does not fit in the space the store has left
/// (a full disk, a database at its size limit). The pipeline then retries the batch in halves, and halves
/// of those, so that whatever fits is stored and only what does not is dropped; once space returns, whole
/// batches go through again.
/// </summary>
/// <remarks>The sink must have stored nothing of the batch, as for any failed write.</remarks>
public sealed class StorageFullException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    public StorageFullException()
        : base("The store has no room for the batch.")
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What is full, such as the path of the database file.</param>
    public StorageFullException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What is full, such as the path of the database file.</param>
    /// <param name="innerException">The store's own error.</param>
    public StorageFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
