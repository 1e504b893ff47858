namespace ModelMonitoring.Recording;

/// <summary>Why a record was not stored. Every dropped record is counted under exactly one reason.</summary>
public enum DropReason
{
    /// <summary>The model's ring buffer was full: the background worker is behind or a sink is failing.</summary>
    BufferFull = 0,

    /// <summary>A value was infinite, NaN (a feature, when the model rejects missing values: <see cref="MissingValueHandling.Reject"/>; a confidence or predicted value), negative where it must not be, or out of range (confidence outside [0, 1], latency above <see cref="ModelMonitoringOptions.MaxLatency"/>); or a text a store cannot keep as it is (a NUL character, an unpaired surrogate).</summary>
    InvalidValue = 1,

    /// <summary>The number of numeric or categorical features differs from the model's declared schema.</summary>
    SchemaMismatch = 2,

    /// <summary>The record named a model that was not configured.</summary>
    UnknownModel = 3,

    /// <summary>The record arrived after the monitoring pipeline was disposed.</summary>
    Disposed = 4,

    /// <summary>A sink kept failing for a batch until its retries ran out; the batch was discarded.</summary>
    SinkFailure = 5,

    /// <summary>Shutdown or flush ran out of time before the record could be written.</summary>
    ShutdownTimeout = 6,

    /// <summary>A prediction's id was already stored (or repeated earlier in its batch): the store keeps the first prediction with an id and skipped this one.</summary>
    DuplicateId = 7,

    /// <summary>A string or collection in the record was over its cap in <see cref="RecordingLimits"/> (too long, or too many entries).</summary>
    LimitExceeded = 8,

    /// <summary>
    /// A prediction's <see cref="Prediction.Timestamp"/> was before the Unix epoch, more than
    /// <see cref="ModelMonitoringOptions.MaxLateness"/> in the past or more than
    /// <see cref="ModelMonitoringOptions.MaxClockSkew"/> in the future (see the README's accepted ranges).
    /// </summary>
    TimestampOutOfRange = 9,

    /// <summary>
    /// A sink's store refused the record itself (<see cref="Storage.RecordRejectedException"/>, such as a value its
    /// column type cannot hold): the batch was written again in parts until only the refused records were left out.
    /// </summary>
    Rejected = 10,
}
