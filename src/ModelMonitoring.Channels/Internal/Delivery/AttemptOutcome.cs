namespace ModelMonitoring.Channels.Internal.Delivery;

/// <summary>How one delivery attempt ended.</summary>
internal enum AttemptOutcome
{
    /// <summary>Not set: never the result of a finished attempt.</summary>
    None = 0,

    /// <summary>The receiver accepted the alert.</summary>
    Delivered = 1,

    /// <summary>The attempt failed in a way another attempt may not (a 5xx answer, rate limiting, a network error).</summary>
    Transient = 2,

    /// <summary>The attempt failed in a way no retry can fix (a rejected request, a wrong URL or key).</summary>
    Permanent = 3,
}
